namespace Vfip.Domain.Common;

/// <summary>
/// A refused request or a broken rule, whichever layer notices it: the one exception VFIP raises for a failure a
/// client can act on. Its <see cref="Error"/> says which (the stable <see cref="Code"/>) and what kind
/// (<see cref="Kind"/>); the message is for humans and may change. <see cref="Extensions"/> are extra members of the
/// ProblemDetails the API answers with (<c>existingDesignId</c>, <c>matches</c>, <c>errors</c>, ...).
/// </summary>
public sealed class DomainException(ErrorCode error, string message) : Exception(message)
{
    public ErrorCode Error { get; } = error;

    public string Code => Error.Code;

    public ErrorKind Kind => Error.Kind;

    public IDictionary<string, object?> Extensions { get; } = new Dictionary<string, object?>(StringComparer.Ordinal);

    /// <summary>Adds the extension <paramref name="name"/> and returns this exception, so it can be thrown in one expression.</summary>
    public DomainException With(string name, object? value)
    {
        Extensions[name] = value;
        return this;
    }
}

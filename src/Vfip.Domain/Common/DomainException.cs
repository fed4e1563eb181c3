namespace Vfip.Domain.Common;

/// <summary>
/// A broken business rule. <see cref="Code"/> is stable (snake_case) and reaches API clients as the
/// ProblemDetails <c>code</c>, so renaming one is a breaking change.
/// </summary>
public class DomainException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;
}

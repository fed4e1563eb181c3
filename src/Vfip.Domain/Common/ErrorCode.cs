namespace Vfip.Domain.Common;

/// <summary>
/// A stable snake_case code (it reaches clients as the ProblemDetails <c>code</c>, so renaming one is a breaking
/// change) and the <see cref="ErrorKind"/> it always is. Every code is defined once, in <see cref="ErrorCodes"/>: the
/// constructor is internal so that no other place can coin one.
/// </summary>
public sealed class ErrorCode
{
    internal ErrorCode(string code, ErrorKind kind)
    {
        Code = code;
        Kind = kind;
    }

    public string Code { get; }

    public ErrorKind Kind { get; }

    public override string ToString() => Code;
}

namespace Vfip.Application.Common.Errors;

/// <summary>
/// A failure a client can act on. The API turns it into RFC 9457 ProblemDetails with <see cref="Status"/>,
/// the stable snake_case <see cref="Code"/> and any <see cref="Extensions"/>; nothing else reaches clients.
/// </summary>
public abstract class ProblemException(int status, string code, string title, string detail)
    : Exception(detail)
{
    public int Status { get; } = status;

    public string Code { get; } = code;

    public string Title { get; } = title;

    public IDictionary<string, object?> Extensions { get; } = new Dictionary<string, object?>();
}

/// <summary>400: the request is malformed or breaks an input rule.</summary>
public sealed class BadRequestException(string code, string detail)
    : ProblemException(400, code, "The request is not valid.", detail);

/// <summary>400: one or more fields failed validation; <c>errors</c> maps field names to messages.</summary>
public sealed class ValidationFailedException : ProblemException
{
    public ValidationFailedException(IDictionary<string, string[]> errors)
        : base(400, "validation_failed", "One or more fields are not valid.", "See 'errors' for what to fix.")
    {
        Errors = errors;
        Extensions["errors"] = errors;
    }

    public IDictionary<string, string[]> Errors { get; }
}

/// <summary>404: there is no such resource (or the caller may not know it exists).</summary>
public sealed class NotFoundException(string code, string detail)
    : ProblemException(404, code, "Not found.", detail);

/// <summary>409: the request conflicts with what is already registered.</summary>
public sealed class ConflictException(string code, string detail)
    : ProblemException(409, code, "Conflict with an existing resource.", detail);

/// <summary>An upload that is not a usable image; 413 when it is too big, 400 otherwise.</summary>
public sealed class ImageRejectedException(string code, string detail, bool tooLarge = false)
    : ProblemException(tooLarge ? 413 : 400, code, "The image was rejected.", detail);

/// <summary>415: the body is in a media type this endpoint does not take; <paramref name="detail"/> says what it takes.</summary>
public sealed class UnsupportedMediaTypeException(string detail)
    : ProblemException(415, "unsupported_media_type", "Unsupported media type.", detail);

/// <summary>403: the caller is known and may see the resource, but may not do this to it.</summary>
public sealed class ForbiddenException(string code, string detail)
    : ProblemException(403, code, "Forbidden.", detail);

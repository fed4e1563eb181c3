namespace Vfip.Domain.Common;

/// <summary>
/// What kind of failure an <see cref="ErrorCode"/> is, as a client has to act on it. The API maps each kind to one
/// HTTP status, in one place; nothing else in VFIP chooses a status for a refusal.
/// </summary>
public enum ErrorKind
{
    /// <summary>The request is malformed or breaks an input or business rule: fix it and send it again.</summary>
    Invalid,

    /// <summary>There is no such resource (or the caller may not learn that there is).</summary>
    NotFound,

    /// <summary>The request clashes with what is registered or with the resource's current state.</summary>
    Conflict,

    /// <summary>The caller is known and may see the resource, but may not do this to it.</summary>
    Forbidden,

    /// <summary>The request, or a part of it, is over a size limit.</summary>
    TooLarge,

    /// <summary>The body is in a media type the operation does not take.</summary>
    UnsupportedMediaType,
}

using Vfip.Domain.Accounts;

namespace Vfip.Application.Features.Admin.Responses;

/// <summary>A platform key as listed: never the key itself, which nobody can read back (only its hash is stored).</summary>
public sealed record PlatformKeyResponse(
    string Id,
    string Organisation,
    IReadOnlyList<string> Scopes,
    string IssuedBy,
    DateTime CreatedAt,
    DateTime? ExpiresAt,
    DateTime? RevokedAt)
{
    internal static PlatformKeyResponse From(PlatformKey key) =>
        new(key.Id, key.Organisation, key.Scopes, key.IssuedBy, key.CreatedAt, key.ExpiresAt, key.RevokedAt);
}

using Vfip.Domain.Common;

namespace Vfip.Domain.Accounts;

/// <summary>
/// An API key an admin issued to a platform organisation. Only the SHA-256 of the secret is kept: the key is
/// shown once, at issue. A key is usable while it is neither revoked nor expired, for its scopes only.
/// </summary>
public sealed class PlatformKey
{
    public const int MaxOrganisationLength = 200;

    // For EF Core.
    private PlatformKey()
    {
    }

    /// <summary>Public identifier, also the first part of the key itself (so a key is found without scanning hashes).</summary>
    public string Id { get; private set; } = null!;

    public string Organisation { get; private set; } = null!;

    /// <summary>Lower-case hex SHA-256 of the whole key string.</summary>
    public string SecretHash { get; private set; } = null!;

    public List<string> Scopes { get; private set; } = [];

    public string IssuedBy { get; private set; } = null!;

    public DateTime CreatedAt { get; private set; }

    public DateTime? ExpiresAt { get; private set; }

    public DateTime? RevokedAt { get; private set; }

    public static PlatformKey Issue(
        string id, string organisation, string secretHash, IEnumerable<string> scopes, string issuedBy, DateTime now, DateTime? expiresAt)
    {
        var scopeList = scopes.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (scopeList.Count == 0 || scopeList.Any(s => !PlatformScopes.IsKnown(s)))
        {
            throw new DomainException(ErrorCodes.Accounts.InvalidScopes, $"Scopes must be one or more of: {string.Join(", ", PlatformScopes.All)}.");
        }

        if (expiresAt is { } expiry && expiry <= now)
        {
            throw new DomainException(ErrorCodes.Accounts.InvalidExpiry, "A key must expire in the future.");
        }

        if (string.IsNullOrWhiteSpace(organisation))
        {
            throw new DomainException(ErrorCodes.Accounts.InvalidOrganisation, "A key is issued to a named platform organisation.");
        }

        return new PlatformKey
        {
            Id = id,
            Organisation = organisation.Trim(),
            SecretHash = secretHash,
            Scopes = scopeList,
            IssuedBy = issuedBy,
            CreatedAt = now,
            ExpiresAt = expiresAt,
        };
    }

    public bool IsActive(DateTime now) => RevokedAt is null && (ExpiresAt is null || now < ExpiresAt);

    /// <summary>Revoking twice keeps the first revocation time.</summary>
    public void Revoke(DateTime now) => RevokedAt ??= now;
}

/// <summary>What a platform key may be used for.</summary>
public static class PlatformScopes
{
    public const string Verify = "verify";
    public const string Identify = "identify";
    public const string Reports = "reports";

    public static IReadOnlyList<string> All { get; } = [Verify, Identify, Reports];

    public static bool IsKnown(string scope) => All.Contains(scope, StringComparer.Ordinal);
}

using Vfip.Application.Common.Abstractions;

namespace Vfip.Application.Features.Admin.Responses;

/// <summary>An account as admins see it: no keys, no password hash, no tokens.</summary>
/// <param name="LockedOutUntil">Set while the account is locked out.</param>
public sealed record AccountResponse(
    string Id,
    string Email,
    IReadOnlyList<string> Roles,
    string CustodialAddress,
    string? DesignOwnerWallet,
    DateTimeOffset? LockedOutUntil,
    int FailedLogins)
{
    internal static AccountResponse From(UserAccount account) => new(
        account.Id, account.Email, account.Roles, account.CustodialAddress, account.DesignOwnerWallet, account.LockedOutUntil, account.FailedLogins);
}

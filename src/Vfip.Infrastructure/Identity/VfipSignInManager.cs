using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Vfip.Application.Common.Abstractions;
using Vfip.Application.Common.Security;
using Vfip.Domain.Accounts;

namespace Vfip.Infrastructure.Identity;

/// <summary>
/// Identity's sign-in, with failed logins and lockouts written to the audit log. The Identity API's
/// <c>/login</c> signs in through here with lockout on failure, so five wrong passwords lock an account.
/// </summary>
public sealed class VfipSignInManager(
    UserManager<VfipUser> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<VfipUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<VfipUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<VfipUser> confirmation,
    IVfipDbContext db,
    AuditLog audit)
    : SignInManager<VfipUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    public override async Task<SignInResult> PasswordSignInAsync(string userName, string password, bool isPersistent, bool lockoutOnFailure)
    {
        var user = await UserManager.FindByNameAsync(userName);
        if (user is null)
        {
            // No such account: recorded without the name tried (with its time and IP address, so guessing still shows).
            // What is typed into the name field is not always a name: a password entered in the wrong field would
            // otherwise sit in the audit log, in clear, for every admin to read. A known account is recorded by its id.
            await RecordAsync(AuditEventTypes.LoginFailed, subject: null, UnknownAccount);
            return SignInResult.Failed;
        }

        return await PasswordSignInAsync(user, password, isPersistent, lockoutOnFailure);
    }

    public override async Task<SignInResult> PasswordSignInAsync(VfipUser user, string password, bool isPersistent, bool lockoutOnFailure)
    {
        ArgumentNullException.ThrowIfNull(user);
        var wasLockedOut = await UserManager.IsLockedOutAsync(user);
        var result = await base.PasswordSignInAsync(user, password, isPersistent, lockoutOnFailure);
        if (result.IsLockedOut)
        {
            await RecordAsync(
                wasLockedOut ? AuditEventTypes.LoginFailed : AuditEventTypes.AccountLockedOut, user.Id, wasLockedOut ? "locked_out" : null);
        }
        else if (!result.Succeeded && !result.RequiresTwoFactor)
        {
            await RecordAsync(AuditEventTypes.LoginFailed, user.Id, result.IsNotAllowed ? "not_allowed" : "wrong_password");
        }

        return result;
    }

    private const string UnknownAccount = "unknown_account";

    private async Task RecordAsync(string type, string? subject, string? detail)
    {
        audit.Record(type, subject, detail);
        await db.SaveChangesAsync(Context.RequestAborted);
    }
}

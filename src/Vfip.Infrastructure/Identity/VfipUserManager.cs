using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Vfip.Domain.Accounts;
using Vfip.Infrastructure.Custody;

namespace Vfip.Infrastructure.Identity;

/// <summary>
/// Gives every new account its custodial key as it is created, in the same insert, so no account ever
/// exists without an address, and the sign-up roles (designer, licensee) right after (the Identity API
/// endpoints create users through this manager).
/// </summary>
public sealed class VfipUserManager(
    IUserStore<VfipUser> store,
    IOptions<IdentityOptions> optionsAccessor,
    IPasswordHasher<VfipUser> passwordHasher,
    IEnumerable<IUserValidator<VfipUser>> userValidators,
    IEnumerable<IPasswordValidator<VfipUser>> passwordValidators,
    ILookupNormalizer keyNormalizer,
    IdentityErrorDescriber errors,
    IServiceProvider services,
    ILogger<UserManager<VfipUser>> logger,
    CustodialKeyVault vault)
    : UserManager<VfipUser>(store, optionsAccessor, passwordHasher, userValidators, passwordValidators, keyNormalizer, errors, services, logger)
{
    public override async Task<IdentityResult> CreateAsync(VfipUser user)
    {
        if (user.SealedCustodialKey is null)
        {
            // Sealed for this account's id and address: the sealed key unseals in this row only.
            var (address, sealedKey) = vault.CreateKey(user.Id);
            user.CustodialAddress = address;
            user.SealedCustodialKey = sealedKey;
        }

        var created = await base.CreateAsync(user);
        return created.Succeeded ? await AddToRolesAsync(user, Roles.SignUp) : created;
    }
}

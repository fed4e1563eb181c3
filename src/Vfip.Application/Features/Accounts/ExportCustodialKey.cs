using FluentValidation;
using MediatR;
using Microsoft.Extensions.Logging;
using Vfip.Application.Common.Abstractions;
using Vfip.Application.Common.Security;
using Vfip.Domain.Accounts;
using Vfip.Domain.Common;

namespace Vfip.Application.Features.Accounts;

/// <summary>
/// The owner of a custodial key takes it out (to move to self-custody). Their bearer token is not enough:
/// they re-enter their password, which counts towards lockout like a login. The key is never logged.
/// </summary>
public static class ExportCustodialKey
{
    public sealed record Command(string? Password) : IRequest<Result>
    {
        // Records print their members; a password must never reach a log line or an exception message.
        public override string ToString() => "ExportCustodialKey.Command { Password = *** }";
    }

    /// <param name="PrivateKey">0x hex. Whoever holds it owns every design of <paramref name="Address"/>.</param>
    public sealed record Result(string Address, string PrivateKey)
    {
        public override string ToString() => $"ExportCustodialKey.Result {{ Address = {Address}, PrivateKey = *** }}";
    }

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.Password).NotEmpty().WithMessage("Enter your password again.");
    }

    internal sealed class Handler(
        IVfipDbContext db, IAccounts accounts, ICustodialSigner custody, ICurrentCaller current, AuditLog audit, ILogger<Handler> logger)
        : IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var userId = current.Caller.RequireUserId();
            var check = await accounts.CheckPasswordAsync(userId, command.Password!, cancellationToken);
            if (check != PasswordCheck.Correct)
            {
                audit.Record(AuditEventTypes.ReauthenticationFailed, userId, check == PasswordCheck.LockedOut ? "locked_out" : "wrong_password");
                await db.SaveChangesAsync(cancellationToken);
                throw new DomainException(ErrorCodes.Accounts.ReauthenticationFailed, "The password is not correct, or the account is locked out.");
            }

            var account = await accounts.FindAsync(userId, cancellationToken)
                ?? throw GetMe.SignedInUserGone();
            // Custody builds the response: the key goes from the vault to the caller without passing through a local here.
            var exported = await custody.ExportKeyAsync(userId, cancellationToken);
            audit.Record(AuditEventTypes.CustodialKeyExported, userId, account.CustodialAddress);
            await db.SaveChangesAsync(cancellationToken);
            logger.LogWarning("Custodial key of {Address} exported by its owner {UserId}", account.CustodialAddress, userId);
            return exported;
        }
    }
}

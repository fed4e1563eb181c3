using MediatR;
using Vfip.Application.Common.Abstractions;
using Vfip.Application.Common.Security;
using Vfip.Application.Features.Admin.Responses;
using Vfip.Domain.Accounts;

namespace Vfip.Application.Features.Admin;

/// <summary>Admins end a lockout early (after repeated failed logins the account is locked for a while).</summary>
public static class UnlockAccount
{
    public sealed record Command(string UserId) : IRequest<AccountResponse>;

    internal sealed class Handler(IVfipDbContext db, IAccounts accounts, AuditLog audit) : IRequestHandler<Command, AccountResponse>
    {
        public async Task<AccountResponse> Handle(Command command, CancellationToken cancellationToken)
        {
            _ = await accounts.FindAsync(command.UserId, cancellationToken) ?? throw GetAccount.AccountNotFound(command.UserId);
            await accounts.UnlockAsync(command.UserId, cancellationToken);
            audit.Record(AuditEventTypes.AccountUnlocked, command.UserId);
            await db.SaveChangesAsync(cancellationToken);
            return AccountResponse.From(await accounts.FindAsync(command.UserId, cancellationToken) ?? throw GetAccount.AccountNotFound(command.UserId));
        }
    }
}

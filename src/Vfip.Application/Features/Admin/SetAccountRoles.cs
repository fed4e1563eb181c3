using FluentValidation;
using MediatR;
using Vfip.Application.Common.Abstractions;
using Vfip.Application.Common.Security;
using Vfip.Application.Features.Admin.Responses;
using Vfip.Domain.Accounts;
using Vfip.Domain.Common;

namespace Vfip.Application.Features.Admin;

/// <summary>
/// Admins set exactly which roles an account holds. Roles are read from the store on every request, so a
/// change applies at once, not at the next login. An admin cannot take the admin role from themselves,
/// so the last admin cannot lock everyone out by accident.
/// </summary>
public static class SetAccountRoles
{
    public sealed record Command(string UserId, IReadOnlyList<string>? Roles) : IRequest<AccountResponse>;

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Roles).NotNull();
            RuleForEach(c => c.Roles).Must(r => r is not null && Roles.IsKnown(r))
                .WithMessage($"Roles are: {string.Join(", ", Roles.All)}. (Platforms act through API keys; '{Roles.Platform}' on an account is allowed for their staff.)");
        }
    }

    internal sealed class Handler(IVfipDbContext db, IAccounts accounts, ICurrentCaller current, AuditLog audit)
        : IRequestHandler<Command, AccountResponse>
    {
        public async Task<AccountResponse> Handle(Command command, CancellationToken cancellationToken)
        {
            var before = await accounts.FindAsync(command.UserId, cancellationToken) ?? throw GetAccount.AccountNotFound(command.UserId);
            var roles = command.Roles!.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            if (command.UserId == current.Caller.UserId && !roles.Contains(Roles.Admin))
            {
                throw new DomainException(ErrorCodes.Accounts.CannotRemoveOwnAdmin, "Ask another admin to take the admin role from you.");
            }

            await accounts.SetRolesAsync(command.UserId, roles, cancellationToken);
            audit.Record(AuditEventTypes.RolesChanged, command.UserId, $"{string.Join(",", before.Roles)} -> {string.Join(",", roles)}");
            await db.SaveChangesAsync(cancellationToken);
            return AccountResponse.From(await accounts.FindAsync(command.UserId, cancellationToken) ?? throw GetAccount.AccountNotFound(command.UserId));
        }
    }
}

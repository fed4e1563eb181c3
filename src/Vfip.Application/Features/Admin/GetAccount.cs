using MediatR;
using Vfip.Application.Common.Abstractions;
using Vfip.Application.Features.Admin.Responses;
using Vfip.Domain.Common;

namespace Vfip.Application.Features.Admin;

/// <summary>Admins read one account.</summary>
public static class GetAccount
{
    public sealed record Query(string UserId) : IRequest<AccountResponse>;

    internal sealed class Handler(IAccounts accounts) : IRequestHandler<Query, AccountResponse>
    {
        public async Task<AccountResponse> Handle(Query query, CancellationToken cancellationToken) =>
            AccountResponse.From(await accounts.FindAsync(query.UserId, cancellationToken) ?? throw AccountNotFound(query.UserId));
    }

    internal static DomainException AccountNotFound(string userId) => new(ErrorCodes.Accounts.AccountNotFound, $"There is no account '{userId}'.");
}

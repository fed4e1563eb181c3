using FluentValidation;
using MediatR;
using Vfip.Application.Common.Abstractions;
using Vfip.Application.Common.Paging;
using Vfip.Application.Features.Admin.Responses;

namespace Vfip.Application.Features.Admin;

/// <summary>Admins page through accounts, optionally by a part of the e-mail address.</summary>
public static class ListAccounts
{
    public sealed record Query(string? Email, int Page = 1, int PageSize = Paging.DefaultPageSize) : IRequest<PagedList<AccountResponse>>;

    internal sealed class Validator : AbstractValidator<Query>
    {
        public Validator() => this.PageWithin(q => q.Page, q => q.PageSize);
    }

    internal sealed class Handler(IAccounts accounts) : IRequestHandler<Query, PagedList<AccountResponse>>
    {
        public async Task<PagedList<AccountResponse>> Handle(Query query, CancellationToken cancellationToken)
        {
            var page = await accounts.ListAsync(query.Email, query.Page, query.PageSize, cancellationToken);
            return new PagedList<AccountResponse>(page.Items.Select(AccountResponse.From).ToList(), page.Page, page.PageSize, page.Total);
        }
    }
}

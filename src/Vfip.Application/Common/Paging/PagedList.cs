namespace Vfip.Application.Common.Paging;

/// <summary>The contract's page shape: <c>{items, page, pageSize, total}</c>.</summary>
public sealed record PagedList<T>(IReadOnlyList<T> Items, int Page, int PageSize, int Total);

public static class Paging
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;
}

/// <summary>The paging rules every listing validates the same way: page from 1, page size 1..<see cref="Paging.MaxPageSize"/>.</summary>
internal static class PagingRules
{
    public static void PageWithin<T>(
        this FluentValidation.AbstractValidator<T> validator,
        System.Linq.Expressions.Expression<Func<T, int>> page,
        System.Linq.Expressions.Expression<Func<T, int>> pageSize)
    {
        FluentValidation.DefaultValidatorExtensions.GreaterThanOrEqualTo(validator.RuleFor(page), 1);
        FluentValidation.DefaultValidatorExtensions.InclusiveBetween(validator.RuleFor(pageSize), 1, Paging.MaxPageSize);
    }
}

namespace Vfip.Application.Common.Paging;

/// <summary>The contract's page shape: <c>{items, page, pageSize, total}</c>.</summary>
public sealed record PagedList<T>(IReadOnlyList<T> Items, int Page, int PageSize, int Total);

public static class Paging
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;
}

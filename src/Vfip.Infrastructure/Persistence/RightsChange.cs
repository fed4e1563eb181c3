namespace Vfip.Infrastructure.Persistence;

/// <summary>
/// One row of the rights change feed (ADR 0014): the design <see cref="DesignId"/> or one of its licences changed in the
/// transaction that wrote this row. <see cref="Sequence"/> is in commit order (the same technique as
/// <c>Designs.Sequence</c>, ADR 0008), so "changes after N" never skips a late commit. Append-only; pruned by age.
/// </summary>
public sealed class RightsChange
{
    // For EF Core.
    private RightsChange()
    {
    }

    public long Sequence { get; private set; }

    public string DesignId { get; private set; } = null!;

    public static RightsChange Of(string designId) => new() { DesignId = designId };
}

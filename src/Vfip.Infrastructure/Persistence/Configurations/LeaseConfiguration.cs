using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Vfip.Application.Common.Indexing;
using Vfip.Application.Common.Leases;

namespace Vfip.Infrastructure.Persistence.Configurations;

internal sealed class LeaseConfiguration : IEntityTypeConfiguration<Lease>
{
    public void Configure(EntityTypeBuilder<Lease> builder)
    {
        builder.ToTable("Leases");
        builder.HasKey(l => l.Name);
        builder.Property(l => l.Name).HasMaxLength(64);
        builder.Property(l => l.Holder).HasMaxLength(128);
    }
}

internal sealed class ChainCursorConfiguration : IEntityTypeConfiguration<ChainCursor>
{
    public void Configure(EntityTypeBuilder<ChainCursor> builder)
    {
        builder.ToTable("ChainCursors");
        builder.HasKey(c => new { c.ChainId, c.Contract });
        builder.Property(c => c.Contract).HasMaxLength(42);
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Vfip.Infrastructure.Persistence.Configurations;

internal sealed class RightsChangeConfiguration : IEntityTypeConfiguration<RightsChange>
{
    public void Configure(EntityTypeBuilder<RightsChange> builder)
    {
        builder.ToTable("RightsChanges");
        builder.HasKey(c => c.Sequence);
        builder.Property(c => c.DesignId).HasMaxLength(32).IsRequired();
    }
}

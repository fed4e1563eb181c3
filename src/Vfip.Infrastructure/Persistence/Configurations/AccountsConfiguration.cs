using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Vfip.Domain.Accounts;
using Vfip.Infrastructure.Identity;

namespace Vfip.Infrastructure.Persistence.Configurations;

internal sealed class PlatformKeyConfiguration : IEntityTypeConfiguration<PlatformKey>
{
    public void Configure(EntityTypeBuilder<PlatformKey> builder)
    {
        builder.ToTable("PlatformKeys");
        builder.HasKey(k => k.Id);
        builder.Property(k => k.Id).HasMaxLength(32);
        builder.Property(k => k.Organisation).HasMaxLength(PlatformKey.MaxOrganisationLength).IsRequired();
        builder.Property(k => k.SecretHash).HasMaxLength(64).IsRequired();
        builder.Property(k => k.IssuedBy).HasMaxLength(450).IsRequired();
        builder.HasIndex(k => k.CreatedAt);
    }
}

internal sealed class LinkedWalletConfiguration : IEntityTypeConfiguration<LinkedWallet>
{
    public void Configure(EntityTypeBuilder<LinkedWallet> builder)
    {
        builder.ToTable("LinkedWallets");
        // One account per address: the key settles two accounts racing to link the same wallet.
        builder.HasKey(w => w.Address);
        builder.Property(w => w.Address).HasMaxLength(42);
        builder.Property(w => w.UserId).HasMaxLength(450).IsRequired();
        builder.HasIndex(w => w.UserId);
        builder.HasOne<VfipUser>().WithMany().HasForeignKey(w => w.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class WalletNonceConfiguration : IEntityTypeConfiguration<WalletNonce>
{
    public void Configure(EntityTypeBuilder<WalletNonce> builder)
    {
        builder.ToTable("WalletNonces");
        builder.HasKey(n => n.Nonce);
        builder.Property(n => n.Nonce).HasMaxLength(64);
        builder.Property(n => n.UserId).HasMaxLength(450).IsRequired();
        builder.HasIndex(n => n.ExpiresAt);
        builder.HasOne<VfipUser>().WithMany().HasForeignKey(n => n.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class AuditEventConfiguration : IEntityTypeConfiguration<AuditEvent>
{
    public void Configure(EntityTypeBuilder<AuditEvent> builder)
    {
        builder.ToTable("AuditEvents");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Type).HasMaxLength(64).IsRequired();
        builder.Property(e => e.Actor).HasMaxLength(450);
        builder.Property(e => e.Subject).HasMaxLength(450);
        builder.Property(e => e.IpAddress).HasMaxLength(64);
        builder.Property(e => e.Detail).HasMaxLength(1000);
        builder.HasIndex(e => new { e.Type, e.Id });
        builder.HasIndex(e => new { e.Subject, e.Id });
    }
}

internal sealed class VfipUserConfiguration : IEntityTypeConfiguration<VfipUser>
{
    public void Configure(EntityTypeBuilder<VfipUser> builder) => builder.Property(u => u.DesignOwnerWallet).HasMaxLength(42);
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Vfip.Domain.Designs;

namespace Vfip.Infrastructure.Persistence.Configurations;

internal sealed class DesignConfiguration : IEntityTypeConfiguration<Design>
{
    public void Configure(EntityTypeBuilder<Design> builder)
    {
        builder.ToTable("Designs");
        builder.HasKey(d => d.Id);
        builder.Property(d => d.Id).HasMaxLength(32);
        builder.Property(d => d.OwnerUserId).HasMaxLength(450).IsRequired();
        builder.Property(d => d.OwnerAddress).HasMaxLength(42).IsRequired();
        builder.Property(d => d.Title).HasMaxLength(Design.MaxTitleLength).IsRequired();
        builder.Property(d => d.Description).HasMaxLength(Design.MaxDescriptionLength);
        builder.Property(d => d.Category).HasConversion<string>().HasMaxLength(32);
        builder.Property(d => d.Status).HasConversion<string>().HasMaxLength(32);
        builder.Property(d => d.ContentHash).HasMaxLength(66).IsRequired();
        builder.Property(d => d.MetadataHash).HasMaxLength(66).IsRequired();
        builder.Property(d => d.RejectionReason).HasMaxLength(1000);
        builder.Property(d => d.OwnerSignature).HasMaxLength(132);
        builder.Property(d => d.TransferToAddress).HasMaxLength(42);
        builder.Property(d => d.TransferToUserId).HasMaxLength(450);
        builder.Ignore(d => d.Royalty);
        builder.Property(d => d.RoyaltySplits).HasJsonListConversion<RoyaltySplit>();
        // Null for an original: the field, not the getter (which answers an empty list), is what is stored.
        builder.Property(d => d.Parents).HasField("_parents").UsePropertyAccessMode(PropertyAccessMode.Field).HasColumnName("ParentsJson").IsRequired(false)
            .HasJsonListConversion<DerivativeParent>();
        builder.Property(d => d.LineageRefusal).HasMaxLength(1000);
        builder.OwnsOne(d => d.LastTransfer, transfer =>
        {
            transfer.Property(c => c.ChainId).HasColumnName("TransferChainId");
            transfer.Property(c => c.Contract).HasColumnName("TransferContract").HasMaxLength(42);
            transfer.Property(c => c.TokenId).HasColumnName("TransferTokenId").HasMaxLength(78);
            transfer.Property(c => c.TxHash).HasColumnName("TransferTxHash").HasMaxLength(66);
            transfer.Property(c => c.BlockNumber).HasColumnName("TransferBlockNumber");
            transfer.Property(c => c.LogIndex).HasColumnName("TransferLogIndex");
        });

        // The chain keeps a content hash unique; so does the read model, which settles racing uploads.
        builder.HasIndex(d => d.ContentHash).IsUnique();
        builder.HasIndex(d => new { d.OwnerUserId, d.CreatedAt });
        // "Designs registered after N", in order (replicas' similarity indexes catch up with it).
        // How the value is generated is provider-specific: see VfipDbContext.OnModelCreating.
        builder.HasIndex(d => d.Sequence).IsUnique();

        builder.OwnsMany(d => d.Images, image =>
        {
            image.ToTable("DesignImages");
            image.WithOwner().HasForeignKey("DesignId");
            image.HasKey("DesignId", nameof(DesignImage.Index));
            // The position is ours, not a database counter (EF would otherwise generate the last key part).
            image.Property(i => i.Index).ValueGeneratedNever();
            image.Property(i => i.Sha256).HasMaxLength(64).IsRequired();
            image.Property(i => i.Pdq).HasMaxLength(64).IsRequired();
            image.Property(i => i.MediaType).HasMaxLength(64).IsRequired();
            image.Property(i => i.Signals).IsRequired();
            image.HasIndex(i => i.Sha256);
        });
        builder.Navigation(d => d.Images).HasField("_images").UsePropertyAccessMode(PropertyAccessMode.Field).AutoInclude();

        builder.OwnsMany(d => d.Approvals, approval =>
        {
            approval.ToTable("DerivativeApprovals");
            approval.WithOwner().HasForeignKey("DesignId");
            approval.HasKey("DesignId", nameof(DerivativeApproval.ParentDesignId));
            approval.Property(a => a.ParentDesignId).HasMaxLength(32);
            approval.Property(a => a.LicenseId).HasMaxLength(78).IsRequired();
            approval.Property(a => a.Status).HasConversion<string>().HasMaxLength(16);
            approval.Property(a => a.DecidedByUserId).HasMaxLength(450);
            approval.Property(a => a.Reason).HasMaxLength(DerivativeApproval.MaxReasonLength);
            // "Requests for my designs" starts from the parent.
            approval.HasIndex(a => a.ParentDesignId);
        });
        builder.Navigation(d => d.Approvals).HasField("_approvals").UsePropertyAccessMode(PropertyAccessMode.Field).AutoInclude();

        builder.OwnsOne(d => d.Chain, chain =>
        {
            chain.Property(c => c.ChainId).HasColumnName("ChainId");
            chain.Property(c => c.Contract).HasColumnName("ChainContract").HasMaxLength(42);
            chain.Property(c => c.TokenId).HasColumnName("TokenId").HasMaxLength(78);
            chain.Property(c => c.TxHash).HasColumnName("TxHash").HasMaxLength(66);
            chain.Property(c => c.BlockNumber).HasColumnName("BlockNumber");
            chain.Property(c => c.LogIndex).HasColumnName("LogIndex");
        });
    }
}

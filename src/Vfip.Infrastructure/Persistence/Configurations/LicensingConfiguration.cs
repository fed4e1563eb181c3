using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Vfip.Domain.Designs;
using Vfip.Domain.Licensing;

namespace Vfip.Infrastructure.Persistence.Configurations;

internal sealed class LicenseOfferConfiguration : IEntityTypeConfiguration<LicenseOffer>
{
    public void Configure(EntityTypeBuilder<LicenseOffer> builder)
    {
        builder.ToTable("LicenseOffers");
        builder.HasKey(o => o.Id);
        builder.Property(o => o.Id).HasMaxLength(32);
        builder.Property(o => o.DesignId).HasMaxLength(32).IsRequired();
        builder.Property(o => o.CreatedByUserId).HasMaxLength(450).IsRequired();
        builder.Property(o => o.Terms).HasColumnName("TermsJson").IsRequired().HasCanonicalJsonConversion();
        builder.Property(o => o.TermsHash).HasMaxLength(66).IsRequired();
        builder.Property(o => o.InheritedFromLicenseId).HasMaxLength(78);
        builder.HasIndex(o => new { o.DesignId, o.CreatedAt });
        builder.HasOne<Design>().WithMany().HasForeignKey(o => o.DesignId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class LicenseConfiguration : IEntityTypeConfiguration<License>
{
    public void Configure(EntityTypeBuilder<License> builder)
    {
        builder.ToTable("Licenses");
        builder.HasKey(l => l.Id);
        // uint256 in decimal: at most 78 digits.
        builder.Property(l => l.Id).HasMaxLength(78);
        builder.Property(l => l.DesignId).HasMaxLength(32).IsRequired();
        builder.Property(l => l.OfferId).HasMaxLength(32);
        builder.Property(l => l.ParentLicenseId).HasMaxLength(78);
        builder.Property(l => l.LicensorUserId).HasMaxLength(450).IsRequired();
        builder.Property(l => l.LicenseeUserId).HasMaxLength(450).IsRequired();
        builder.Property(l => l.LicenseeAddress).HasMaxLength(42).IsRequired();
        // Null while the terms of a grant observed on chain are unknown (only their hash is anchored).
        builder.Property(l => l.Terms).HasColumnName("TermsJson").HasCanonicalJsonConversion();
        builder.Property(l => l.TermsHash).HasMaxLength(66).IsRequired();
        builder.Property(l => l.Salt).HasMaxLength(66);
        builder.Property(l => l.Exclusivity).HasConversion<string>().HasMaxLength(16);
        builder.Property(l => l.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(l => l.Revision).IsConcurrencyToken();
        builder.Property(l => l.RevocationReason).HasMaxLength(License.MaxReasonLength);
        builder.Property(l => l.RevokedByUserId).HasMaxLength(450);
        builder.Property(l => l.RejectionReason).HasMaxLength(License.MaxReasonLength);
        builder.Property(l => l.GrantSigner).HasMaxLength(42);
        builder.Property(l => l.GrantSignature).HasMaxLength(132);
        builder.Property(l => l.RevocationSigner).HasMaxLength(42);
        builder.Property(l => l.RevocationSignature).HasMaxLength(132);
        builder.Property(l => l.AcceptanceSignature).HasMaxLength(132);
        builder.HasIndex(l => new { l.DesignId, l.CreatedAt });
        builder.HasIndex(l => new { l.LicenseeUserId, l.CreatedAt });
        builder.HasIndex(l => l.ParentLicenseId);
        builder.HasOne<Design>().WithMany().HasForeignKey(l => l.DesignId).OnDelete(DeleteBehavior.Cascade);

        builder.OwnsOne(l => l.Grant, grant => ChainRecordColumns(grant, "Grant"));

        // RevocationTxHash keeps the column it had before the rest of the record was stored.
        builder.OwnsOne(l => l.Revocation, revocation => ChainRecordColumns(revocation, "Revocation"));
        builder.Ignore(l => l.RevocationTxHash);
    }

    private static void ChainRecordColumns(OwnedNavigationBuilder<License, ChainRecord> record, string prefix)
    {
        record.Property(c => c.ChainId).HasColumnName(prefix + "ChainId");
        record.Property(c => c.Contract).HasColumnName(prefix + "Contract").HasMaxLength(42);
        record.Property(c => c.TokenId).HasColumnName(prefix + "TokenId").HasMaxLength(78);
        record.Property(c => c.TxHash).HasColumnName(prefix + "TxHash").HasMaxLength(66);
        record.Property(c => c.BlockNumber).HasColumnName(prefix + "BlockNumber");
        record.Property(c => c.LogIndex).HasColumnName(prefix + "LogIndex");
    }
}

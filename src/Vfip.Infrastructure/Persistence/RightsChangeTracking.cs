using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Vfip.Domain.Designs;
using Vfip.Domain.Licensing;

namespace Vfip.Infrastructure.Persistence;

/// <summary>Which designs' rights a pending save changes: any added, modified or deleted design or licence (or a part they own).</summary>
internal static class RightsChangeTracking
{
    public static HashSet<string> ChangedDesignIds(ChangeTracker tracker)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in tracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted))
            {
                continue;
            }

            switch (entry.Entity)
            {
                case Design design:
                    ids.Add(design.Id);
                    break;
                case License license:
                    ids.Add(license.DesignId);
                    break;
                default:
                    if (OwnerDesignId(tracker, entry) is { } owner)
                    {
                        ids.Add(owner);
                    }

                    break;
            }
        }

        return ids;
    }

    // An owned part (a design's chain record or images, a licence's grant) can change while its owner's row is
    // unchanged; its foreign key names the owner.
    private static string? OwnerDesignId(ChangeTracker tracker, EntityEntry entry)
    {
        if (entry.Metadata.FindOwnership() is not { } ownership)
        {
            return null;
        }

        var key = entry.Property(ownership.Properties[0].Name).CurrentValue as string;
        if (key is null)
        {
            return null;
        }

        var principal = ownership.PrincipalEntityType.ClrType;
        if (principal == typeof(Design))
        {
            return key;
        }

        return principal == typeof(License)
            ? tracker.Entries<License>().FirstOrDefault(l => l.Entity.Id == key)?.Entity.DesignId
            : null;
    }
}

using Vfip.Domain.Common;

namespace Vfip.Domain.Designs;

/// <summary>One party's part of a design's royalty: <paramref name="Share"/> percent of it, to a user id or an address.</summary>
/// <param name="Role">What they contributed, e.g. <c>designer</c>, <c>texture</c>, <c>co_creator</c>.</param>
public sealed record RoyaltySplit(string To, decimal Share, string Role);

/// <summary>
/// A design's royalty: <see cref="Bps"/> basis points of each sale (EIP-2981, set on chain with the registration, paid to
/// the owner's address), shared among <see cref="Splits"/> off chain. The splits are part of the anchored metadata
/// document, so they are on record even though the contract pays one receiver.
/// </summary>
public sealed record Royalty(int Bps, IReadOnlyList<RoyaltySplit> Splits)
{
    public const int MaxBps = 10_000;
    public const int MaxSplits = 20;
    public const int MaxRoleLength = 40;
    public const int MaxToLength = 450;

    /// <summary>Checks the rules; throws a <see cref="DomainException"/> naming the first one broken.</summary>
    public Royalty Checked()
    {
        if (Bps is <= 0 or > MaxBps)
        {
            throw new DomainException(ErrorCodes.Designs.InvalidRoyalty, $"A royalty is 1 to {MaxBps} basis points.");
        }

        if (Splits.Count is 0 or > MaxSplits)
        {
            throw new DomainException(ErrorCodes.Designs.InvalidRoyaltySplits, $"A royalty names 1 to {MaxSplits} splits.");
        }

        if (Splits.Any(s => s.Share <= 0 || string.IsNullOrWhiteSpace(s.To) || s.To.Length > MaxToLength
            || string.IsNullOrWhiteSpace(s.Role) || s.Role.Length > MaxRoleLength))
        {
            throw new DomainException(
                ErrorCodes.Designs.InvalidRoyaltySplits, $"Each split needs 'to' (a user id or an address), a positive 'share' (percent) and a 'role' (at most {MaxRoleLength} characters).");
        }

        if (Splits.Sum(s => s.Share) != 100m)
        {
            throw new DomainException(ErrorCodes.Designs.RoyaltySplitsMustSumTo100, "The splits' shares must sum to exactly 100 (percent).");
        }

        return this with { Splits = Splits.Select(s => s with { To = s.To.Trim(), Role = s.Role.Trim() }).ToArray() };
    }
}

/// <summary>A parent of a derivative design and the licence (held by the derivative's owner) it is made under.</summary>
public sealed record DerivativeParent(string DesignId, string LicenseId);

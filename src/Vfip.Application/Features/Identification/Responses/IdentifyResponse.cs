using Vfip.Domain.Designs;

namespace Vfip.Application.Features.Identification.Responses;

/// <summary>The identify answer: <c>{quality, lowQuality, matches[]}</c>.</summary>
/// <param name="Quality">PDQ quality of the uploaded image; null when only hashes were sent.</param>
/// <param name="LowQuality">Too flat to match on: then there are no matches, by design, not by absence.</param>
/// <param name="Matches">Designs within the match threshold, best first; empty when nothing is close.</param>
public sealed record IdentifyResponse(int? Quality, bool LowQuality, IReadOnlyList<IdentifyMatch> Matches);

/// <summary>
/// One matching design. Anonymous callers get the public fields only (design id, title, owner address,
/// status, distance); the others are null for them.
/// </summary>
/// <param name="Transform">The dihedral transform applied to the query to match the registered image.</param>
public sealed record IdentifyMatch(
    string DesignId,
    string Title,
    MatchOwner Owner,
    DesignStatus Status,
    int Distance,
    double? Score,
    string? Transform,
    MatchedImage? MatchedImage);

/// <param name="UserId">Null for anonymous callers.</param>
public sealed record MatchOwner(string? UserId, string Address);

/// <param name="Sha256">0x-prefixed SHA-256 of the registered image that matched.</param>
public sealed record MatchedImage(string Sha256, int Index);

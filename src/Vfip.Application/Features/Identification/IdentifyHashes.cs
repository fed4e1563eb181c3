using System.Diagnostics;
using FluentValidation;
using MediatR;
using Vfip.Application.Common.Abstractions;
using Vfip.Application.Common.Diagnostics;
using Vfip.Application.Features.Identification.Responses;
using Vfip.Application.Features.Identification.Rules;

namespace Vfip.Application.Features.Identification;

/// <summary>
/// Identification from precomputed whole-image PDQ hashes, so a platform can check an upload without
/// sending the picture. A platform that wants rotations and flips found sends their hashes too.
/// </summary>
public static class IdentifyHashes
{
    public const int MaxHashes = 32;

    /// <param name="Pdq">64 hex digits each, as PDQ tools print them.</param>
    public sealed record Query(IReadOnlyList<string>? Pdq, bool PublicOnly) : IRequest<IdentifyResponse>;

    internal sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            RuleFor(q => q.Pdq)
                .NotEmpty().WithMessage("Send at least one PDQ hash: {\"pdq\": [\"64 hex digits\"]}.")
                .Must(p => p is null || p.Count <= MaxHashes).WithMessage($"At most {MaxHashes} hashes per request.");
            RuleForEach(q => q.Pdq)
                .Must(h => h is { Length: 64 } && h.All(char.IsAsciiHexDigit))
                .WithMessage("Each PDQ hash is exactly 64 hex digits.");
        }
    }

    internal sealed class Handler(IVfipDbContext db, IImageIndex index, VfipMetrics metrics) : IRequestHandler<Query, IdentifyResponse>
    {
        public async Task<IdentifyResponse> Handle(Query query, CancellationToken cancellationToken)
        {
            var started = Stopwatch.GetTimestamp();
            await index.WhenLoadedAsync(cancellationToken);
            var hashes = query.Pdq!.Select(h => h.ToLowerInvariant()).ToList();
            var matches = await DesignMatches.DescribeAsync(db, index.MatchPdq(hashes), query.PublicOnly, cancellationToken);
            metrics.Identified(Stopwatch.GetElapsedTime(started), matches.Count > 0);
            return new IdentifyResponse(Quality: null, LowQuality: false, matches);
        }
    }
}

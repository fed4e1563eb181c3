using System.Diagnostics;
using MediatR;
using Vfip.Application.Common.Abstractions;
using Vfip.Application.Common.Diagnostics;
using Vfip.Application.Features.Identification.Responses;
using Vfip.Application.Features.Identification.Rules;

namespace Vfip.Application.Features.Identification;

/// <summary>
/// A platform (or anyone) asks which registered designs an image is: it is fingerprinted like a
/// registration, its eight rotations and flips included, and looked up in the in-memory index.
/// </summary>
public static class IdentifyImage
{
    /// <param name="PublicOnly">The caller is anonymous: answer with public fields only.</param>
    public sealed record Query(ReadOnlyMemory<byte> Image, bool PublicOnly) : IRequest<IdentifyResponse>;

    internal sealed class Handler(IVfipDbContext db, IFingerprinter fingerprinter, IImageIndex index, VfipMetrics metrics)
        : IRequestHandler<Query, IdentifyResponse>
    {
        public async Task<IdentifyResponse> Handle(Query query, CancellationToken cancellationToken)
        {
            var started = Stopwatch.GetTimestamp();
            var facts = fingerprinter.Fingerprint(query.Image, cancellationToken);
            if (facts.LowQuality)
            {
                return new IdentifyResponse(facts.Quality, LowQuality: true, []);
            }

            await index.WhenLoadedAsync(cancellationToken);
            var matches = await DesignMatches.DescribeAsync(db, index.Match(facts.Probe), query.PublicOnly, cancellationToken);
            metrics.Identified(Stopwatch.GetElapsedTime(started), matches.Count > 0);
            return new IdentifyResponse(facts.Quality, LowQuality: false, matches);
        }
    }
}

using MediatR;
using Vfip.Application.Features.Identification;
using Vfip.Application.Features.Identification.Responses;
using Vfip.Application.Features.Verification.Responses;
using Vfip.Application.Features.Verification.Rules;

namespace Vfip.Application.Features.Verification;

/// <summary>
/// Verification from an upload: the image (or its PDQ hashes) is identified with the identify machinery, and the
/// holder's rights are decided for every matching design, best match first.
/// </summary>
public static class VerifyImageRights
{
    /// <param name="Image">The upload; or null with <paramref name="Pdq"/> hashes instead.</param>
    /// <param name="Check">The holder and intended use; its DesignId is ignored (each match is checked).</param>
    public sealed record Query(ReadOnlyMemory<byte>? Image, IReadOnlyList<string>? Pdq, RightsCheck Check, bool PublicOnly) : IRequest<Result>;

    public sealed record Result(int? Quality, bool LowQuality, IReadOnlyList<MatchVerification> Results);

    /// <param name="Match">The identification match (distance, score, transform ...).</param>
    public sealed record MatchVerification(IdentifyMatch Match, VerificationResult Verification);

    internal sealed class Handler(IMediator sender, RightsVerifier verifier) : IRequestHandler<Query, Result>
    {
        public async Task<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            // Through the mediator, so identification keeps its own validation, limits and metrics.
            var identified = query.Image is { } image
                ? await sender.Send(new IdentifyImage.Query(image, query.PublicOnly), cancellationToken)
                : await sender.Send(new IdentifyHashes.Query(query.Pdq, query.PublicOnly), cancellationToken);
            var results = new List<MatchVerification>(identified.Matches.Count);
            foreach (var match in identified.Matches)
            {
                var verification = await verifier.VerifyAsync(query.Check with { DesignId = match.DesignId }, query.PublicOnly, cancellationToken);
                results.Add(new MatchVerification(match, verification));
            }

            return new Result(identified.Quality, identified.LowQuality, results);
        }
    }
}

using MediatR;
using Vfip.Application.Features.Verification.Responses;
using Vfip.Application.Features.Verification.Rules;

namespace Vfip.Application.Features.Verification;

/// <summary>
/// A platform (or anyone) asks whether a holder may use a design in a given way, and gets the decision, the reasons
/// and the on-chain proof to check it independently.
/// </summary>
public static class VerifyRights
{
    /// <param name="PublicOnly">The caller is anonymous: user ids are left out.</param>
    public sealed record Query(RightsCheck Check, bool PublicOnly) : IRequest<VerificationResult>;

    internal sealed class Handler(RightsVerifier verifier) : IRequestHandler<Query, VerificationResult>
    {
        public Task<VerificationResult> Handle(Query query, CancellationToken cancellationToken) =>
            verifier.VerifyAsync(query.Check, query.PublicOnly, cancellationToken);
    }
}

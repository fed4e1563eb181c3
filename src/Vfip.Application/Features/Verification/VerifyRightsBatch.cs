using MediatR;
using Vfip.Application.Features.Verification.Responses;
using Vfip.Application.Features.Verification.Rules;
using Vfip.Domain.Common;

namespace Vfip.Application.Features.Verification;

/// <summary>Up to <see cref="MaxChecks"/> rights questions in one request, answered in order (a platform checking a whole catalogue page).</summary>
public static class VerifyRightsBatch
{
    public const int MaxChecks = 100;

    public sealed record Query(IReadOnlyList<RightsCheck>? Checks, bool PublicOnly) : IRequest<Result>;

    public sealed record Result(IReadOnlyList<VerificationResult> Results);

    internal sealed class Handler(RightsVerifier verifier) : IRequestHandler<Query, Result>
    {
        public async Task<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            if (query.Checks is not { Count: > 0 } checks)
            {
                throw new DomainException(ErrorCodes.Verification.ChecksRequired, "Send {\"checks\": [{designId, holder, ...}]}.");
            }

            if (checks.Count > MaxChecks)
            {
                throw new DomainException(ErrorCodes.Verification.TooManyChecks, $"At most {MaxChecks} checks per request.");
            }

            var results = new List<VerificationResult>(checks.Count);
            for (var i = 0; i < checks.Count; i++)
            {
                try
                {
                    results.Add(await verifier.VerifyAsync(checks[i], query.PublicOnly, cancellationToken));
                }
                catch (DomainException bad) when (bad.Kind == ErrorKind.Invalid)
                {
                    // Name the check at fault: the batch is refused as a whole, so nothing is half-answered.
                    throw new DomainException(bad.Error, $"checks[{i}]: {bad.Message}").With("index", i);
                }
            }

            return new Result(results);
        }
    }
}

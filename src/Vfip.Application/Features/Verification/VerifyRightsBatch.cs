using MediatR;
using Vfip.Application.Common.Errors;

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
                throw new BadRequestException("checks_required", "Send {\"checks\": [{designId, holder, ...}]}.");
            }

            if (checks.Count > MaxChecks)
            {
                throw new BadRequestException("too_many_checks", $"At most {MaxChecks} checks per request.");
            }

            var results = new List<VerificationResult>(checks.Count);
            for (var i = 0; i < checks.Count; i++)
            {
                try
                {
                    results.Add(await verifier.VerifyAsync(checks[i], query.PublicOnly, cancellationToken));
                }
                catch (BadRequestException bad)
                {
                    // Name the check at fault: the batch is refused as a whole, so nothing is half-answered.
                    var error = new BadRequestException(bad.Code, $"checks[{i}]: {bad.Message}");
                    error.Extensions["index"] = i;
                    throw error;
                }
            }

            return new Result(results);
        }
    }
}

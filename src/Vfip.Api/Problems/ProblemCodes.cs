using Microsoft.AspNetCore.Http;

namespace Vfip.Api.Problems;

/// <summary>
/// Every ProblemDetails carries a stable <c>code</c>. Errors raised by VFIP set their own; responses made
/// by the framework (401 from authentication, 404 from routing, 405, 413 ...) get one from their status.
/// </summary>
internal static class ProblemCodes
{
    public static void AddDefaults(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        if (!problem.Extensions.ContainsKey("code"))
        {
            problem.Extensions["code"] = (problem.Status ?? context.HttpContext.Response.StatusCode) switch
            {
                400 => "bad_request",
                401 => "unauthenticated",
                403 => "forbidden",
                404 => "not_found",
                405 => "method_not_allowed",
                409 => "conflict",
                413 => "payload_too_large",
                415 => "unsupported_media_type",
                429 => "rate_limited",
                _ => "internal_error",
            };
        }

        problem.Extensions["traceId"] = context.HttpContext.TraceIdentifier;
    }
}

using Microsoft.AspNetCore.Http;
using Vfip.Domain.Common;

namespace Vfip.Api.Problems;

/// <summary>
/// Every ProblemDetails carries a stable <c>code</c>. Errors raised by VFIP set their own (from
/// <see cref="ErrorCodes"/>); responses made by the framework (401 from authentication, 404 from routing, 405,
/// 413 ...) get one from their status. The codes below are the ones only the framework's answers carry.
/// </summary>
internal static class ProblemCodes
{
    public const string Unauthenticated = "unauthenticated";
    public const string Forbidden = "forbidden";
    public const string NotFound = "not_found";
    public const string MethodNotAllowed = "method_not_allowed";
    public const string Conflict = "conflict";
    public const string RateLimited = "rate_limited";
    public const string InternalError = "internal_error";

    public static void AddDefaults(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        if (!problem.Extensions.ContainsKey("code"))
        {
            problem.Extensions["code"] = (problem.Status ?? context.HttpContext.Response.StatusCode) switch
            {
                400 => ErrorCodes.Requests.BadRequest.Code,
                401 => Unauthenticated,
                403 => Forbidden,
                404 => NotFound,
                405 => MethodNotAllowed,
                409 => Conflict,
                413 => ErrorCodes.Requests.PayloadTooLarge.Code,
                415 => ErrorCodes.Requests.UnsupportedMediaType.Code,
                429 => RateLimited,
                _ => InternalError,
            };
        }

        problem.Extensions["traceId"] = context.HttpContext.TraceIdentifier;
    }
}

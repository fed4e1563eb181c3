using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Vfip.Application.Common.Errors;
using Vfip.Domain.Common;

namespace Vfip.Api.Problems;

/// <summary>
/// The one error path: every exception becomes RFC 9457 ProblemDetails with a stable <c>code</c>.
/// Unexpected exceptions become a bare 500; their details stay in the log.
/// </summary>
internal sealed class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var problem = exception switch
        {
            ProblemException known => Describe(known.Status, known.Code, known.Title, known.Message, known.Extensions),
            DomainException rule => Describe(StatusCodes.Status400BadRequest, rule.Code, "A business rule was broken.", rule.Message),
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => Describe(
                413, "payload_too_large", "The request is too large.", "The request body is over the limit."),
            BadHttpRequestException bad => Describe(bad.StatusCode, "bad_request", "The request could not be read.", bad.Message),
            InvalidDataException when httpContext.Request.HasFormContentType => Describe(
                413, "payload_too_large", "The request is too large.", "The multipart body is over the limit."),
            DbUpdateConcurrencyException => Describe(
                409, "concurrent_update", "The resource changed meanwhile.", "Another change to it was saved while this request ran; read it again and retry."),
            OperationCanceledException when httpContext.RequestAborted.IsCancellationRequested => null,
            _ => null,
        };

        if (problem is null)
        {
            if (httpContext.RequestAborted.IsCancellationRequested)
            {
                return true;
            }

            logger.LogError(exception, "Unhandled error on {Method} {Path}", httpContext.Request.Method, httpContext.Request.Path);
            problem = Describe(500, "internal_error", "Something went wrong on our side.", "The error was logged; please retry later.");
        }

        httpContext.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }

    private static ProblemDetails Describe(int status, string code, string title, string detail, IDictionary<string, object?>? extensions = null)
    {
        var problem = new ProblemDetails { Status = status, Title = title, Detail = detail };
        problem.Extensions["code"] = code;
        foreach (var (key, value) in extensions ?? new Dictionary<string, object?>())
        {
            problem.Extensions[key] = value;
        }

        return problem;
    }
}

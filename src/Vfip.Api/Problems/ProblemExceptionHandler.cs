using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Vfip.Domain.Common;

namespace Vfip.Api.Problems;

/// <summary>
/// The one error path: every exception becomes RFC 9457 ProblemDetails with a stable <c>code</c>. A
/// <see cref="DomainException"/> is answered with the status of its <see cref="ErrorKind"/> (mapped here, and only
/// here); the few framework and database failures a client can act on are named as VFIP errors too. Unexpected
/// exceptions become a bare 500; their details stay in the log.
/// </summary>
internal sealed class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var problem = exception switch
        {
            DomainException refused => Describe(refused),
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => Describe(
                new DomainException(ErrorCodes.Requests.PayloadTooLarge, "The request body is over the limit.")),
            BadHttpRequestException bad => Describe(bad.StatusCode, ErrorCodes.Requests.BadRequest.Code, "The request could not be read.", bad.Message),
            InvalidDataException when httpContext.Request.HasFormContentType => Describe(
                new DomainException(ErrorCodes.Requests.PayloadTooLarge, "The multipart body is over the limit.")),
            DbUpdateConcurrencyException => Describe(
                new DomainException(ErrorCodes.Requests.ConcurrentUpdate, "Another change to it was saved while this request ran; read it again and retry."),
                "The resource changed meanwhile."),
            _ => null,
        };

        if (problem is null)
        {
            if (httpContext.RequestAborted.IsCancellationRequested)
            {
                return true;
            }

            logger.LogError(exception, "Unhandled error on {Method} {Path}", httpContext.Request.Method, httpContext.Request.Path);
            problem = Describe(500, ProblemCodes.InternalError, "Something went wrong on our side.", "The error was logged; please retry later.");
        }

        httpContext.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }

    /// <summary>The status and title every error of <paramref name="kind"/> is answered with.</summary>
    internal static (int Status, string Title) Answer(ErrorKind kind) => kind switch
    {
        ErrorKind.Invalid => (StatusCodes.Status400BadRequest, "The request is not valid."),
        ErrorKind.Forbidden => (StatusCodes.Status403Forbidden, "Forbidden."),
        ErrorKind.NotFound => (StatusCodes.Status404NotFound, "Not found."),
        ErrorKind.Conflict => (StatusCodes.Status409Conflict, "Conflict with an existing resource."),
        ErrorKind.TooLarge => (StatusCodes.Status413PayloadTooLarge, "The request is too large."),
        ErrorKind.UnsupportedMediaType => (StatusCodes.Status415UnsupportedMediaType, "Unsupported media type."),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "An error kind without a status."),
    };

    private static ProblemDetails Describe(DomainException refused, string? title = null)
    {
        var (status, kindTitle) = Answer(refused.Kind);
        return Describe(status, refused.Code, title ?? kindTitle, refused.Message, refused.Extensions);
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

using System.Diagnostics;
using MediatR;
using Microsoft.Extensions.Logging;
using Vfip.Domain.Common;

namespace Vfip.Application.Common.Behaviors;

/// <summary>
/// Logs each request's name, outcome and duration. It never logs the request itself: commands carry
/// image bytes and, later, signatures and keys.
/// </summary>
internal sealed class LoggingBehavior<TRequest, TResponse>(ILogger<LoggingBehavior<TRequest, TResponse>> logger)
    : IPipelineBehavior<TRequest, TResponse>
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        var name = RequestName();
        var started = Stopwatch.GetTimestamp();
        try
        {
            var response = await next();
            logger.LogDebug("{Request} handled in {ElapsedMs:F1} ms", name, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return response;
        }
        catch (DomainException refused)
        {
            logger.LogInformation("{Request} refused with {Code} after {ElapsedMs:F1} ms", name, refused.Code, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            throw;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            logger.LogError(exception, "{Request} failed after {ElapsedMs:F1} ms", name, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            throw;
        }
    }

    // "RegisterDesign.Command" reads better in logs than "Command".
    private static string RequestName()
    {
        var type = typeof(TRequest);
        return type.DeclaringType is null ? type.Name : $"{type.DeclaringType.Name}.{type.Name}";
    }
}

using FluentValidation;
using MediatR;
using Vfip.Domain.Common;

namespace Vfip.Application.Common.Behaviors;

/// <summary>
/// Runs every validator of the request before its handler, so handlers only ever see valid input and
/// all validation failures take one path to <c>validation_failed</c> (its <c>errors</c> map field names to messages).
/// </summary>
internal sealed class ValidationBehavior<TRequest, TResponse>(IEnumerable<IValidator<TRequest>> validators)
    : IPipelineBehavior<TRequest, TResponse>
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        var failures = new List<FluentValidation.Results.ValidationFailure>();
        foreach (var validator in validators)
        {
            var result = await validator.ValidateAsync(request, cancellationToken);
            failures.AddRange(result.Errors);
        }

        if (failures.Count > 0)
        {
            IDictionary<string, string[]> errors = failures
                .GroupBy(f => ToCamelCase(f.PropertyName), StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Select(f => f.ErrorMessage).Distinct().ToArray(), StringComparer.Ordinal);
            throw new DomainException(ErrorCodes.Requests.ValidationFailed, "See 'errors' for what to fix.").With("errors", errors);
        }

        return await next();
    }

    // Clients speak camelCase JSON, so name fields the way they sent them.
    private static string ToCamelCase(string name) =>
        string.IsNullOrEmpty(name) ? name : char.ToLowerInvariant(name[0]) + name[1..];
}

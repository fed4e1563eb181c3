using FluentValidation;
using MediatR;
using Vfip.Application.Common.Errors;

namespace Vfip.Application.Common.Behaviors;

/// <summary>
/// Runs every validator of the request before its handler, so handlers only ever see valid input and
/// all validation failures take one path to a 400 <c>validation_failed</c>.
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
            throw new ValidationFailedException(failures
                .GroupBy(f => ToCamelCase(f.PropertyName), StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Select(f => f.ErrorMessage).Distinct().ToArray(), StringComparer.Ordinal));
        }

        return await next();
    }

    // Clients speak camelCase JSON, so name fields the way they sent them.
    private static string ToCamelCase(string name) =>
        string.IsNullOrEmpty(name) ? name : char.ToLowerInvariant(name[0]) + name[1..];
}

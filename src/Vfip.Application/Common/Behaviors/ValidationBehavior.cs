using FluentValidation;
using FluentValidation.Results;
using MediatR;
using Vfip.Domain.Common;

namespace Vfip.Application.Common.Behaviors;

/// <summary>
/// Runs every validator of the request before its handler, so handlers only ever see well-formed input. A failure
/// is answered with <c>validation_failed</c> (its <c>errors</c> map field names to messages), unless its rule names
/// a catalogue code with <see cref="ErrorCodeRules.WithErrorCode{T, TProperty}(IRuleBuilderOptions{T, TProperty}, ErrorCode)"/>:
/// then it is answered with that code, as a <see cref="DomainException"/> whose message is the rule's.
/// </summary>
/// <remarks>
/// Plain failures win over coded ones, and only the plain ones are listed in <c>errors</c>: a request with both is
/// answered exactly as when the coded rule was checked by the handler, after validation. Among coded failures the
/// first, in the order the rules are declared, is the answer.
/// </remarks>
internal sealed class ValidationBehavior<TRequest, TResponse>(IEnumerable<IValidator<TRequest>> validators)
    : IPipelineBehavior<TRequest, TResponse>
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        var failures = new List<ValidationFailure>();
        foreach (var validator in validators)
        {
            var result = await validator.ValidateAsync(request, cancellationToken);
            failures.AddRange(result.Errors);
        }

        var plain = failures.Where(f => f.CustomState is not ErrorCode).ToList();
        if (plain.Count > 0)
        {
            IDictionary<string, string[]> errors = plain
                .GroupBy(f => ToCamelCase(f.PropertyName), StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Select(f => f.ErrorMessage).Distinct().ToArray(), StringComparer.Ordinal);
            throw new DomainException(ErrorCodes.Requests.ValidationFailed, "See 'errors' for what to fix.").With("errors", errors);
        }

        if (failures.FirstOrDefault() is { CustomState: ErrorCode error } coded)
        {
            throw new DomainException(error, coded.ErrorMessage);
        }

        return await next();
    }

    // Clients speak camelCase JSON, so name fields the way they sent them.
    private static string ToCamelCase(string name) =>
        string.IsNullOrEmpty(name) ? name : char.ToLowerInvariant(name[0]) + name[1..];
}

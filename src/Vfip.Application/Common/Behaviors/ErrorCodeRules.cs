using FluentValidation;
using Vfip.Domain.Common;

namespace Vfip.Application.Common.Behaviors;

/// <summary>
/// Lets a validator keep a shape rule whose refusal clients know by its own code (say <c>invalid_parents</c>) instead
/// of by <c>validation_failed</c>: the rule stays with the other shape rules, and the answer stays what it was.
/// </summary>
internal static class ErrorCodeRules
{
    /// <summary>
    /// A failure of this rule is answered with <paramref name="error"/> (its code, its kind, the rule's message as the
    /// detail) by <see cref="ValidationBehavior{TRequest, TResponse}"/>, not listed under <c>validation_failed</c>.
    /// </summary>
    /// <remarks>
    /// The code travels as the failure's <c>CustomState</c>, typed: only a catalogue <see cref="ErrorCode"/> can be named,
    /// and FluentValidation's own string codes (<c>NotEmptyValidator</c>, ...) never change the answer. The string code is
    /// set too, so the failure reads the same to anything else that inspects it.
    /// </remarks>
    public static IRuleBuilderOptions<T, TProperty> WithErrorCode<T, TProperty>(this IRuleBuilderOptions<T, TProperty> rule, ErrorCode error) =>
        rule.WithErrorCode(error.Code).WithState(_ => error);
}

using System.Linq.Expressions;
using Vfip.Domain.Designs;

namespace Vfip.Application.Common.Security;

/// <summary>What a request does to the design it names.</summary>
public enum DesignAccess
{
    /// <summary>Reads it: anyone who can see it may.</summary>
    Read,

    /// <summary>Changes it (signs, licenses, transfers): its owner only.</summary>
    Change,
}

/// <summary>
/// A request about one design. <see cref="Behaviors.DesignAuthorizationBehavior{TRequest,TResponse}"/> checks
/// every such request before its handler runs, so no handler repeats the rule.
/// </summary>
public interface IDesignRequest
{
    string DesignId { get; }

    DesignAccess Access { get; }
}

/// <summary>Who may see which design: the one rule, shared by the authorization behavior and by listings.</summary>
public static class DesignVisibility
{
    /// <summary>
    /// A design awaiting its owner's signature is not registered yet (nothing is claimed until it is signed):
    /// only its owner sees it. Every other design is public record, a derivative awaiting its parents' approval too
    /// (their owners must see what they are asked to approve).
    /// </summary>
    public static Expression<Func<Design, bool>> VisibleTo(string? userId) =>
        d => d.Status != DesignStatus.AwaitingSignature || d.OwnerUserId == userId;
}

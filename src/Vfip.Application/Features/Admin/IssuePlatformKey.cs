using FluentValidation;
using MediatR;
using Vfip.Application.Common.Abstractions;
using Vfip.Application.Common.Security;
using Vfip.Application.Features.Admin.Responses;
using Vfip.Domain.Accounts;

namespace Vfip.Application.Features.Admin;

/// <summary>
/// An admin issues an API key to a platform organisation. The answer carries the key once; the store keeps
/// only its SHA-256, so a lost key is revoked and replaced, never recovered.
/// </summary>
public static class IssuePlatformKey
{
    public sealed record Command(string? Organisation, IReadOnlyList<string>? Scopes, DateTime? ExpiresAt) : IRequest<Result>;

    /// <param name="ApiKey">Send it as <c>X-Api-Key</c>. Shown only here.</param>
    public sealed record Result(PlatformKeyResponse Key, string ApiKey)
    {
        public override string ToString() => $"IssuePlatformKey.Result {{ Key = {Key}, ApiKey = *** }}";
    }

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Organisation).NotEmpty().MaximumLength(PlatformKey.MaxOrganisationLength);
            RuleFor(c => c.Scopes).NotEmpty().WithMessage($"Give at least one scope: {string.Join(", ", PlatformScopes.All)}.");
            RuleForEach(c => c.Scopes).Must(s => s is not null && PlatformScopes.IsKnown(s))
                .WithMessage($"Scopes are: {string.Join(", ", PlatformScopes.All)}.");
        }
    }

    internal sealed class Handler(IVfipDbContext db, ICurrentCaller current, AuditLog audit, TimeProvider clock)
        : IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var id = Guid.NewGuid().ToString("N");
            var apiKey = PlatformKeySecrets.Create(id);
            var key = PlatformKey.Issue(
                id,
                command.Organisation!,
                PlatformKeySecrets.Hash(apiKey),
                command.Scopes!,
                current.Caller.RequireUserId(),
                clock.GetUtcNow().UtcDateTime,
                command.ExpiresAt?.ToUniversalTime());
            db.PlatformKeys.Add(key);
            audit.Record(AuditEventTypes.PlatformKeyIssued, id, $"{key.Organisation}: {string.Join(",", key.Scopes)}");
            await db.SaveChangesAsync(cancellationToken);
            return new Result(PlatformKeyResponse.From(key), apiKey);
        }
    }
}

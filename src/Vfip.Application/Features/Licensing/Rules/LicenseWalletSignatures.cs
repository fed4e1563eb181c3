using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Vfip.Application.Common.Abstractions;
using Vfip.Application.Features.Designs.Responses;
using Vfip.Domain.Common;
using Vfip.Domain.Licensing;

namespace Vfip.Application.Features.Licensing.Rules;

/// <summary>
/// What a self-custody licensor's wallet signs for a licence (ADR 0017): the grant while it is pending, the revocation
/// while it is being revoked. Built in one place so the request shown and the signature checked are the same struct.
/// </summary>
internal static class LicenseWalletSignatures
{
    /// <summary>The grant or revocation of <paramref name="license"/> a wallet signs (or signed), who must sign it, and that signer's user; null when the service signs.</summary>
    public static async Task<AwaitedSignature?> AwaitedAsync(License license, IVfipDbContext db, CancellationToken cancellationToken)
    {
        if (license is { Status: LicenseStatus.Pending, GrantSigner: { } grantSigner, GrantSignatureDeadline: { } grantDeadline })
        {
            var tokenId = await db.Designs.AsNoTracking().Where(d => d.Id == license.DesignId).Select(d => d.Chain!.TokenId).FirstAsync(cancellationToken);
            return new AwaitedSignature(new GrantSignable(LicenseGrantRequests.Of(license, tokenId), grantDeadline), grantSigner, license.LicensorUserId);
        }

        if (license is { Status: LicenseStatus.Revoking, RevocationSigner: { } revocationSigner, RevocationSignatureDeadline: { } revocationDeadline })
        {
            return new AwaitedSignature(new RevocationSignable(license.Id, ReasonHashOf(license), revocationDeadline), revocationSigner, license.RevokedByUserId!);
        }

        return null;
    }

    /// <summary>
    /// The wallet signature <paramref name="license"/> awaits from <paramref name="userId"/>: 409 when it awaits none,
    /// 403 when the signer is someone else (only the licensor's wallet can sign; nobody else learns more).
    /// </summary>
    public static async Task<AwaitedSignature> RequireAwaitedFromAsync(License license, string userId, IVfipDbContext db, CancellationToken cancellationToken)
    {
        var awaited = license.AwaitsGrantSignature || license.AwaitsRevocationSignature
            ? await AwaitedAsync(license, db, cancellationToken)
            : null;
        if (awaited is null)
        {
            throw new DomainException(ErrorCodes.Licensing.NotAwaitingSignature, $"Licence {license.Id} is not awaiting a wallet signature.");
        }

        if (awaited.SignerUserId != userId)
        {
            throw new DomainException(ErrorCodes.Licensing.NotLicensor, "Only the licensor whose wallet must sign may do this.");
        }

        return awaited;
    }

    /// <summary>
    /// The typed data <paramref name="callerUserId"/> must sign when they are the licensor whose wallet signature the
    /// licence awaits; null for anyone else, and once signed.
    /// </summary>
    public static async Task<SignatureRequest?> RequestForAsync(
        License license, string? callerUserId, IVfipDbContext db, ILicenseRegistry registry, CancellationToken cancellationToken)
    {
        if (callerUserId is null || !(license.AwaitsGrantSignature || license.AwaitsRevocationSignature))
        {
            return null;
        }

        var awaited = await AwaitedAsync(license, db, cancellationToken);
        if (awaited is null || awaited.SignerUserId != callerUserId)
        {
            return null;
        }

        return SignatureRequest.Of(await registry.TypedDataAsync(awaited.Signable, cancellationToken), awaited.Signable.Deadline);
    }

    /// <summary>What a revocation anchors about its reason: SHA-256 of the text, zero without one.</summary>
    public static byte[] ReasonHashOf(License license) =>
        license.RevocationReason is { } reason ? SHA256.HashData(Encoding.UTF8.GetBytes(reason)) : new byte[32];
}

/// <param name="Signer">EIP-55 address whose signature the chain will check.</param>
/// <param name="SignerUserId">The VFIP user who acts for that address (the licensor, or the revoker).</param>
internal sealed record AwaitedSignature(LicenseSignable Signable, string Signer, string SignerUserId);

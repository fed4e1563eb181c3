using MediatR;
using Microsoft.EntityFrameworkCore;
using Vfip.Application.Common.Abstractions;
using Vfip.Application.Common.Security;
using Vfip.Application.Features.Designs.Responses;
using Vfip.Application.Features.Licensing.Responses;
using Vfip.Application.Features.Licensing.Rules;

namespace Vfip.Application.Features.Licensing;

/// <summary>
/// One licence. Licences are public record (their grants are on chain), so any signed-in user may read one; the
/// licensor whose wallet must sign its grant or revocation also sees the signature request.
/// </summary>
public static class GetLicense
{
    public sealed record Query(string LicenseId) : IRequest<LicenseResponse>;

    internal sealed class Handler(IVfipDbContext db, ILicenseRegistry registry, ICurrentCaller current, TimeProvider clock) : IRequestHandler<Query, LicenseResponse>
    {
        public async Task<LicenseResponse> Handle(Query query, CancellationToken cancellationToken)
        {
            var license = await db.Licenses.AsNoTracking().FirstOrDefaultAsync(l => l.Id == query.LicenseId, cancellationToken)
                ?? throw LicenseErrors.LicenseNotFound(query.LicenseId);
            return LicenseResponse.From(license, clock.GetUtcNow().UtcDateTime) with
            {
                SignatureRequest = await LicenseWalletSignatures.RequestForAsync(license, current.Caller.UserId, db, registry, cancellationToken),
            };
        }
    }
}

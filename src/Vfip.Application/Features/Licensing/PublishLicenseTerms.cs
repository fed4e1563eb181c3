using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Vfip.Application.Common.Abstractions;
using Vfip.Application.Features.Licensing.Responses;
using Vfip.Application.Features.Licensing.Rules;

namespace Vfip.Application.Features.Licensing;

/// <summary>
/// Publishes the terms document of a licence granted directly on chain, whose terms VFIP did not know (only their hash
/// is anchored). Accepted only when the document's canonical hash is the anchored one, so the document proves itself:
/// any signed-in user may send it (the licensor, the licensee, a platform's staff), and nobody can change what the
/// licence permits. Every licence with unknown terms under the same hash gets the document. Sending known terms again
/// is a no-op.
/// </summary>
public static class PublishLicenseTerms
{
    public sealed record Command(string LicenseId, LicenseTermsDocument? Terms) : IRequest<LicenseResponse>;

    internal sealed class Handler(IVfipDbContext db, TimeProvider clock, ILogger<Handler> logger) : IRequestHandler<Command, LicenseResponse>
    {
        public async Task<LicenseResponse> Handle(Command command, CancellationToken cancellationToken)
        {
            var license = await db.Licenses.FirstOrDefaultAsync(l => l.Id == command.LicenseId, cancellationToken)
                ?? throw LicenseErrors.LicenseNotFound(command.LicenseId);
            var terms = LicenseTermsDocument.Resolve(null, command.Terms);
            // Checked on this licence even when its terms are known already: sending other terms is never a no-op.
            license.RequireAnchoredTerms(terms);

            var unknown = await db.Licenses.Where(l => l.TermsHash == license.TermsHash && l.Terms == null).ToListAsync(cancellationToken);
            foreach (var same in unknown)
            {
                same.PublishTerms(terms);
            }

            await db.SaveChangesAsync(cancellationToken);
            if (unknown.Count > 0)
            {
                logger.LogInformation("Terms {TermsHash} published for {Count} licence(s), among them {LicenseId}", license.TermsHash, unknown.Count, license.Id);
            }

            return LicenseResponse.From(license, clock.GetUtcNow().UtcDateTime);
        }
    }
}

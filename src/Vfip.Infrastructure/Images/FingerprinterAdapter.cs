using Vfip.Application.Common.Abstractions;
using Vfip.Application.Common.Errors;
using Vfip.Fingerprinting;

namespace Vfip.Infrastructure.Images;

/// <summary>Puts Vfip.Fingerprinting behind the Application's <see cref="IFingerprinter"/>.</summary>
internal sealed class FingerprinterAdapter(ImageFingerprinter fingerprinter) : IFingerprinter
{
    public ImageFacts Fingerprint(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        try
        {
            var print = fingerprinter.Fingerprint(bytes, cancellationToken);
            return new ImageFacts(print.Sha256, print.Pdq.ToHex(), print.Quality, print.Width, print.Height, print.MediaType);
        }
        catch (Fingerprinting.ImageRejectedException rejected)
        {
            throw new Application.Common.Errors.ImageRejectedException(rejected.Code, rejected.Message, tooLarge: rejected.Code == "image_too_large");
        }
    }
}

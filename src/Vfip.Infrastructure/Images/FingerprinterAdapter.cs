using Vfip.Application.Common.Abstractions;
using Vfip.Application.Common.Errors;
using Vfip.Fingerprinting;

namespace Vfip.Infrastructure.Images;

/// <summary>Puts Vfip.Fingerprinting behind the Application's <see cref="IFingerprinter"/>: one decode gives every signal.</summary>
internal sealed class FingerprinterAdapter(ImageFingerprinter fingerprinter) : IFingerprinter
{
    public ImageFacts Fingerprint(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        try
        {
            var (print, query) = fingerprinter.FingerprintForQuery(bytes, cancellationToken);
            return new ImageFacts(
                print.Sha256,
                print.Pdq.ToHex(),
                print.Quality,
                print.Width,
                print.Height,
                print.MediaType,
                print.Signals.IsLowQuality,
                print.Signals.Serialize(),
                new GarmentProbe(query));
        }
        catch (Fingerprinting.ImageRejectedException rejected)
        {
            throw new Application.Common.Errors.ImageRejectedException(
                rejected.Code, rejected.Message, tooLarge: rejected.Code == ImageRejectionCodes.TooLarge);
        }
    }
}

/// <summary>The query signals of one upload, carried opaquely through the Application to the index.</summary>
internal sealed record GarmentProbe(QuerySignals Query) : ImageProbe;

using Vfip.Application.Common.Abstractions;
using Vfip.Domain.Common;
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
        catch (ImageRejectedException rejected)
        {
            throw new DomainException(ErrorOf(rejected.Code), rejected.Message);
        }
    }

    // The decoder's reasons are the API's image codes; one it may add later is still an unusable image to a client.
    private static ErrorCode ErrorOf(string rejection) => rejection switch
    {
        ImageRejectionCodes.Empty => ErrorCodes.Images.Empty,
        ImageRejectionCodes.TooLarge => ErrorCodes.Images.TooLarge,
        ImageRejectionCodes.TooManyPixels => ErrorCodes.Images.TooManyPixels,
        ImageRejectionCodes.UnsupportedFormat => ErrorCodes.Images.UnsupportedFormat,
        _ => ErrorCodes.Images.Corrupt,
    };
}

/// <summary>The query signals of one upload, carried opaquely through the Application to the index.</summary>
internal sealed record GarmentProbe(QuerySignals Query) : ImageProbe;

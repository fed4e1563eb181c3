namespace Vfip.Domain.Designs;

/// <summary>One image of a design: its exact-bytes digest and its perceptual fingerprint.</summary>
/// <param name="Index">Position in the upload, from 0.</param>
/// <param name="Sha256">SHA-256 of the file bytes, 64 lower-case hex digits (also the blob key).</param>
/// <param name="Pdq">PDQ hash, 64 plain hex digits as PDQ tools print it.</param>
/// <param name="Quality">PDQ quality, 0..100.</param>
/// <param name="Signals">Every perceptual signal, serialised by the fingerprinter; the index is rebuilt from these.</param>
public sealed record DesignImage(
    int Index,
    string Sha256,
    string Pdq,
    int Quality,
    int Width,
    int Height,
    string MediaType,
    long ByteLength,
    byte[] Signals);

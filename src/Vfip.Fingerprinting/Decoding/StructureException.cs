namespace Vfip.Fingerprinting.Decoding;

/// <summary>Thrown by the structural walkers; the decoder turns it into <c>image_corrupt</c>.</summary>
internal sealed class StructureException(string message) : Exception(message);

namespace Vfip.Domain.Designs;

/// <summary>
/// What <see cref="Design.Register"/> makes: the design, and the exact bytes of its metadata document, whose SHA-256 is
/// the design's <see cref="Design.MetadataHash"/>. The caller stores the bytes (content-addressed) before the design.
/// </summary>
public sealed record RegisteredDesign(Design Design, byte[] MetadataDocument);

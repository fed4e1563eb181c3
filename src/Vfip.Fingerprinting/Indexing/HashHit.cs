namespace Vfip.Fingerprinting.Indexing;

/// <summary>A stored entry found by a <see cref="HashIndex"/> search: the caller's id and the Hamming distance (0..256) to the query.</summary>
/// <param name="Id">The id the entry was added with.</param>
/// <param name="Distance">Hamming distance between the stored hash and the query hash.</param>
public readonly record struct HashHit(long Id, int Distance);

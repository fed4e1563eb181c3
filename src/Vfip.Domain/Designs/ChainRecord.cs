namespace Vfip.Domain.Designs;

/// <summary>Where a design's registration sits on chain. Token ids are uint256, kept as decimal strings.</summary>
public sealed record ChainRecord(
    long ChainId,
    string Contract,
    string TokenId,
    string TxHash,
    long BlockNumber,
    int LogIndex);

namespace Vfip.Chain;

/// <summary>
/// A chain transaction was refused (estimateGas reverted) or mined with status 0, for a reason the caller
/// cannot fix by retrying. <see cref="Reason"/> is the decoded revert (e.g. <c>AccessControlUnauthorizedAccount(...)</c>).
/// </summary>
public sealed class ChainTransactionFailedException(
    string message, string? txHash, string? reason, Exception? innerException = null)
    : Exception(reason is null ? message : $"{message}: {reason}", innerException)
{
    /// <summary>Transaction hash when the transaction was mined; null when it was refused before sending.</summary>
    public string? TxHash { get; } = txHash;

    /// <summary>Decoded revert reason (custom error with arguments, or Error(string) message), when known.</summary>
    public string? Reason { get; } = reason;
}

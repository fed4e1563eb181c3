namespace Vfip.Chain.LocalChain;

/// <summary>
/// Anvil's default development accounts (mnemonic "test test test test test test test test test test test junk").
/// </summary>
/// <remarks>
/// These keys are PUBLIC: they are printed by every anvil and hardhat node and published in their docs.
/// They exist for the embedded local chain and for tests only; anything sent to them on a real network
/// is taken by bots within seconds. Never configure one of them for a public chain.
/// </remarks>
public static class DevelopmentKeys
{
    /// <summary>Account 0: deploys the contracts and holds DEFAULT_ADMIN_ROLE on the local chain.</summary>
    public static readonly DevelopmentAccount Deployer = new(
        "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266",
        "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80");

    /// <summary>Account 1: the service's registrar (REGISTRAR_ROLE) on the local chain.</summary>
    public static readonly DevelopmentAccount Registrar = new(
        "0x70997970C51812dc3A010C7d01b50e0d17dc79C8",
        "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d");

    /// <summary>Account 2: a designer holding their own key (self-custody), for EIP-712 flows.</summary>
    public static readonly DevelopmentAccount Designer = new(
        "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC",
        "0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a");

    /// <summary>Account 3: a second, unprivileged party (licensee, attacker in tests).</summary>
    public static readonly DevelopmentAccount Other = new(
        "0x90F79bf6EB2c4f870365E785982E1f101E93b906",
        "0x7c852118294e51e653712a81e05800f419141751be58f605c371e15141b007a6");

    /// <summary>Accounts 0..3 in anvil's order.</summary>
    public static IReadOnlyList<DevelopmentAccount> All { get; } = [Deployer, Registrar, Designer, Other];
}

/// <summary>A public development account. <see cref="ToString"/> omits the key so it can be logged.</summary>
/// <param name="Address">EIP-55 address.</param>
/// <param name="PrivateKey">0x-prefixed hex private key (public knowledge, see <see cref="DevelopmentKeys"/>).</param>
public sealed record DevelopmentAccount(string Address, string PrivateKey)
{
    public override string ToString() => $"DevelopmentAccount {{ Address = {Address} }}";
}

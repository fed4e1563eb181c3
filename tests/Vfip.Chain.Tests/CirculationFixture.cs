using System.Numerics;
using Microsoft.Extensions.Logging.Abstractions;
using Nethereum.Contracts;
using Nethereum.Hex.HexConvertors.Extensions;
using Nethereum.Hex.HexTypes;
using Nethereum.RPC.Eth.DTOs;
using Nethereum.Signer;
using Nethereum.Web3;
using Nethereum.Web3.Accounts;
using Vfip.Chain.Contracts.LicenseRegistry;
using Vfip.Chain.LocalChain;
using Dr = Vfip.Chain.Contracts.DesignRegistry;

namespace Vfip.Chain.Tests;

/// <summary>
/// A throwaway anvil with a DesignRegistry and a LicenseRegistry on top of it, one per test class
/// (Deployer = DEFAULT_ADMIN_ROLE, Registrar = REGISTRAR_ROLE). Tests make their own funded accounts so
/// that ownership, balances and licences of one test never leak into another.
/// </summary>
public sealed class CirculationFixture : IAsyncLifetime
{
    public const long ChainId = AnvilFixture.ChainId;

    private AnvilProcess? _anvil;
    private DeployedContract? _designs;
    private string? _licenses;

    public string RpcUrl => (_anvil ?? throw new InvalidOperationException("fixture not initialised")).RpcUrl;

    /// <summary>The DesignRegistry (ERC-721 + EIP-2981).</summary>
    public string Designs => _designs?.Address ?? throw new InvalidOperationException("fixture not initialised");

    /// <summary>The block <see cref="Designs"/> was deployed in: where event queries start.</summary>
    public long DeploymentBlock => _designs?.DeploymentBlock ?? throw new InvalidOperationException("fixture not initialised");

    /// <summary>The LicenseRegistry reading ownership from <see cref="Designs"/>.</summary>
    public string Licenses => _licenses ?? throw new InvalidOperationException("fixture not initialised");

    public async Task InitializeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        _anvil = await AnvilProcess.StartAsync(new AnvilStartOptions(AnvilFixture.AnvilBinary), NullLogger.Instance, timeout.Token);
        _designs = await new ContractDeployer(NullLogger<ContractDeployer>.Instance).DeployDesignRegistryAsync(
            RpcUrl, ChainId, DevelopmentKeys.Deployer.PrivateKey,
            DevelopmentKeys.Deployer.Address, DevelopmentKeys.Registrar.Address, timeout.Token);
        var receipt = await Web3For(DevelopmentKeys.Deployer).Eth.GetContractDeploymentHandler<LicenseRegistryDeployment>()
            .SendRequestAndWaitForReceiptAsync(new LicenseRegistryDeployment { DesignRegistry = Designs }, timeout);
        _licenses = receipt.ContractAddress;
    }

    public async Task DisposeAsync()
    {
        if (_anvil is not null)
        {
            await _anvil.DisposeAsync();
        }
    }

    public Web3 Web3For(DevelopmentAccount account) => new(new Account(account.PrivateKey, ChainId), RpcUrl);

    public Web3 ReadOnly() => new(RpcUrl);

    /// <summary>A fresh account with 10 ETH, so it can send its own transactions.</summary>
    public async Task<DevelopmentAccount> NewFundedAccountAsync()
    {
        var account = NewAccount();
        await ReadOnly().Client.SendRequestAsync<object>("anvil_setBalance", null, account.Address, new HexBigInteger(BigInteger.Pow(10, 19)).HexValue);
        return account;
    }

    /// <summary>A fresh account with no ETH: it can sign, but could not pay for a transaction.</summary>
    public static DevelopmentAccount NewAccount()
    {
        var key = EthECKey.GenerateKey();
        return new DevelopmentAccount(key.GetPublicAddress(), key.GetPrivateKey());
    }

    /// <summary>Registers a new design for <paramref name="owner"/> through the registrar; returns its token id.</summary>
    public async Task<BigInteger> RegisterDesignAsync(string owner)
    {
        var receipt = await SendRegisterAsync(owner);
        return Assert.Single(receipt.DecodeAllEvents<Dr.DesignRegisteredEventDTO>()).Event.TokenId;
    }

    public Task<TransactionReceipt> SendRegisterAsync(string owner) =>
        Web3For(DevelopmentKeys.Registrar).Eth.GetContractTransactionHandler<Dr.RegisterFunction>()
            .SendRequestAndWaitForReceiptAsync(Designs, NewRegistration(owner));

    public static Dr.RegisterFunction NewRegistration(string owner) => new()
    {
        Owner = owner,
        ContentHash = AnvilFixture.RandomHash(),
        Fingerprints = [AnvilFixture.RandomHash()],
        MetadataHash = AnvilFixture.RandomHash(),
        MetadataUri = AnvilFixture.MetadataUri(),
    };

    /// <summary>Timestamp of the latest block: the chain's "now", independent of the test machine's clock.</summary>
    public async Task<BigInteger> NowAsync()
    {
        var latest = await ReadOnly().Eth.Blocks.GetBlockWithTransactionsHashesByNumber.SendRequestAsync(BlockParameter.CreateLatest());
        return latest.Timestamp.Value;
    }

    public Task<TransactionReceipt> SendAsync<TFunction>(DevelopmentAccount sender, string contract, TFunction function)
        where TFunction : FunctionMessage, new() =>
        Web3For(sender).Eth.GetContractTransactionHandler<TFunction>().SendRequestAndWaitForReceiptAsync(contract, function);

    /// <summary>Grants a top-level or sublicence as <paramref name="licensor"/>, sending the transaction itself.</summary>
    public async Task<(BigInteger LicenseId, TransactionReceipt Receipt)> GrantAsync(DevelopmentAccount licensor, LicenseGrant grant)
    {
        var receipt = await SendAsync(licensor, Licenses, ToGrantFunction(grant));
        return (LicenseSignatures.LicenseId(grant), receipt);
    }

    public static GrantFunction ToGrantFunction(LicenseGrant grant) => new()
    {
        TokenId = grant.TokenId,
        Licensee = grant.Licensee,
        ParentId = grant.ParentId,
        TermsHash = grant.TermsHash,
        StartsAt = grant.StartsAt,
        EndsAt = grant.EndsAt,
        Sublicensable = grant.Sublicensable,
        DerivativesAllowed = grant.DerivativesAllowed,
        Salt = grant.Salt,
    };

    public static GrantWithSigFunction ToGrantWithSigFunction(LicenseGrant grant, string signature) => new()
    {
        TokenId = grant.TokenId,
        Licensee = grant.Licensee,
        ParentId = grant.ParentId,
        TermsHash = grant.TermsHash,
        StartsAt = grant.StartsAt,
        EndsAt = grant.EndsAt,
        Sublicensable = grant.Sublicensable,
        DerivativesAllowed = grant.DerivativesAllowed,
        Salt = grant.Salt,
        Deadline = grant.Deadline,
        Signature = signature.HexToByteArray(),
    };

    public static LicenseGrant NewGrant(BigInteger tokenId, string licensee, BigInteger? startsAt = null, BigInteger? endsAt = null,
        BigInteger? parentId = null, bool sublicensable = false, bool derivativesAllowed = false, BigInteger? deadline = null) => new()
    {
        TokenId = tokenId,
        Licensee = licensee,
        ParentId = parentId ?? BigInteger.Zero,
        TermsHash = AnvilFixture.RandomHash(),
        StartsAt = startsAt ?? BigInteger.Zero,
        EndsAt = endsAt ?? BigInteger.Zero,
        Sublicensable = sublicensable,
        DerivativesAllowed = derivativesAllowed,
        Salt = AnvilFixture.RandomHash(),
        Deadline = deadline ?? BigInteger.Zero,
    };

    public Task<bool> IsLicenseValidAsync(BigInteger licenseId, BigInteger at) =>
        ReadOnly().Eth.GetContractQueryHandler<IsLicenseValidFunction>()
            .QueryAsync<bool>(Licenses, new IsLicenseValidFunction { LicenseId = licenseId, Timestamp = at });

    public Task<LicenseOfOutputDTO> LicenseOfAsync(BigInteger licenseId) =>
        ReadOnly().Eth.GetContractQueryHandler<LicenseOfFunction>()
            .QueryDeserializingToObjectAsync<LicenseOfOutputDTO>(new LicenseOfFunction { LicenseId = licenseId }, Licenses);

    public Task<string> OwnerOfAsync(BigInteger tokenId) =>
        ReadOnly().Eth.GetContractQueryHandler<Dr.OwnerOfFunction>().QueryAsync<string>(Designs, new Dr.OwnerOfFunction { TokenId = tokenId });
}

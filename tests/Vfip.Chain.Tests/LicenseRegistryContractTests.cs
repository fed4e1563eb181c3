using System.Numerics;
using Nethereum.Contracts;
using Nethereum.Hex.HexConvertors.Extensions;
using Nethereum.Util;
using Vfip.Chain.Contracts.LicenseRegistry;
using Vfip.Chain.LocalChain;
using Dr = Vfip.Chain.Contracts.DesignRegistry;

namespace Vfip.Chain.Tests;

/// <summary>LicenseRegistry: grants, relayed grants, revocation, expiry, sublicence trees, transfers and derivatives.</summary>
public sealed class LicenseRegistryContractTests(CirculationFixture chain) : IClassFixture<CirculationFixture>
{
    // ---------------------------------------------------------------- grant

    [Fact]
    public async Task Grant_ByDesignOwner_StoresLicenceAndEmitsLicenseGranted()
    {
        // Arrange
        var owner = await chain.NewFundedAccountAsync();
        var licensee = CirculationFixture.NewAccount();
        var tokenId = await chain.RegisterDesignAsync(owner.Address);
        var now = await chain.NowAsync();
        var grant = CirculationFixture.NewGrant(tokenId, licensee.Address, startsAt: now, endsAt: now + 3600, sublicensable: true);

        // Act
        var (licenseId, receipt) = await chain.GrantAsync(owner, grant);

        // Assert: the id is computable off chain, the event carries the terms hash, storage the rest.
        var granted = Assert.Single(receipt.DecodeAllEvents<LicenseGrantedEventDTO>()).Event;
        Assert.Equal(licenseId, granted.LicenseId);
        Assert.Equal(tokenId, granted.TokenId);
        Assert.True(AddressUtil.Current.AreAddressesTheSame(licensee.Address, granted.Licensee));
        Assert.Equal(BigInteger.Zero, granted.ParentId);
        Assert.Equal(grant.TermsHash.ToHex(), granted.TermsHash.ToHex());
        Assert.Equal(now, granted.StartsAt);
        Assert.Equal(now + 3600, granted.EndsAt);
        Assert.True(granted.Sublicensable);
        Assert.False(granted.DerivativesAllowed);
        var stored = await chain.LicenseOfAsync(licenseId);
        Assert.Equal(tokenId, stored.TokenId);
        Assert.False(stored.Revoked);
        Assert.True(await chain.IsLicenseValidAsync(licenseId, now));
    }

    [Fact]
    public async Task Grant_WhenCallerIsNotTheOwner_RevertsWithNotLicensor()
    {
        // Arrange: neither a stranger nor the service's registrar may grant on someone else's design.
        var owner = await chain.NewFundedAccountAsync();
        var tokenId = await chain.RegisterDesignAsync(owner.Address);
        var grant = CirculationFixture.NewGrant(tokenId, DevelopmentKeys.Other.Address);

        foreach (var caller in new[] { DevelopmentKeys.Other, DevelopmentKeys.Registrar })
        {
            // Act
            var ex = await Assert.ThrowsAsync<SmartContractCustomErrorRevertException>(() => chain.GrantAsync(caller, grant));

            // Assert
            Assert.True(ex.IsCustomErrorFor<NotLicensorError>());
            Assert.True(AddressUtil.Current.AreAddressesTheSame(caller.Address, ex.DecodeError<NotLicensorError>().Account));
        }

        Assert.False(await chain.IsLicenseValidAsync(LicenseSignatures.LicenseId(grant), await chain.NowAsync()));
    }

    [Fact]
    public async Task Grant_WhenSameFieldsAndSaltGrantedTwice_RevertsWithLicenseExists()
    {
        var owner = await chain.NewFundedAccountAsync();
        var tokenId = await chain.RegisterDesignAsync(owner.Address);
        var grant = CirculationFixture.NewGrant(tokenId, DevelopmentKeys.Other.Address);
        var (licenseId, _) = await chain.GrantAsync(owner, grant);

        var ex = await Assert.ThrowsAsync<SmartContractCustomErrorRevertException>(() => chain.GrantAsync(owner, grant));

        Assert.True(ex.IsCustomErrorFor<LicenseExistsError>());
        Assert.Equal(licenseId, ex.DecodeError<LicenseExistsError>().LicenseId);
    }

    [Fact]
    public async Task Grant_WhenEndIsNotAfterStart_RevertsWithInvalidValidity()
    {
        var owner = await chain.NewFundedAccountAsync();
        var tokenId = await chain.RegisterDesignAsync(owner.Address);
        var grant = CirculationFixture.NewGrant(tokenId, DevelopmentKeys.Other.Address, startsAt: 2_000, endsAt: 2_000);

        var ex = await Assert.ThrowsAsync<SmartContractCustomErrorRevertException>(() => chain.GrantAsync(owner, grant));

        Assert.True(ex.IsCustomErrorFor<InvalidValidityError>());
    }

    [Fact]
    public async Task GrantDigest_EqualsNethereumEip712Digest()
    {
        // Arrange
        var grant = CirculationFixture.NewGrant(12345, DevelopmentKeys.Other.Address, startsAt: 1_000, endsAt: 2_000,
            parentId: 678, sublicensable: true, derivativesAllowed: true, deadline: 1_900_000_000);

        // Act
        var onChain = await chain.ReadOnly().Eth.GetContractQueryHandler<GrantDigestFunction>().QueryAsync<byte[]>(chain.Licenses, new GrantDigestFunction
        {
            TokenId = grant.TokenId, Licensee = grant.Licensee, ParentId = grant.ParentId, TermsHash = grant.TermsHash,
            StartsAt = grant.StartsAt, EndsAt = grant.EndsAt, Sublicensable = grant.Sublicensable,
            DerivativesAllowed = grant.DerivativesAllowed, Salt = grant.Salt, Deadline = grant.Deadline,
        });
        var offChain = LicenseSignatures.Digest(grant, CirculationFixture.ChainId, chain.Licenses);

        // Assert
        Assert.Equal(offChain.ToHex(), onChain.ToHex());
    }

    [Fact]
    public async Task RevocationDigest_EqualsNethereumEip712Digest()
    {
        var revocation = new LicenseRevocation { LicenseId = 42, ReasonHash = AnvilFixture.RandomHash(), Deadline = 1_900_000_000 };

        var onChain = await chain.ReadOnly().Eth.GetContractQueryHandler<RevocationDigestFunction>().QueryAsync<byte[]>(chain.Licenses,
            new RevocationDigestFunction { LicenseId = revocation.LicenseId, ReasonHash = revocation.ReasonHash, Deadline = revocation.Deadline });
        var offChain = LicenseSignatures.Digest(revocation, CirculationFixture.ChainId, chain.Licenses);

        Assert.Equal(offChain.ToHex(), onChain.ToHex());
    }

    [Fact]
    public async Task LicenseIdOf_EqualsOffChainLicenseId()
    {
        var grant = CirculationFixture.NewGrant(777, DevelopmentKeys.Other.Address, startsAt: 5, endsAt: 6, parentId: 9, derivativesAllowed: true);

        var onChain = await chain.ReadOnly().Eth.GetContractQueryHandler<LicenseIdOfFunction>().QueryAsync<BigInteger>(chain.Licenses, new LicenseIdOfFunction
        {
            TokenId = grant.TokenId, Licensee = grant.Licensee, ParentId = grant.ParentId, TermsHash = grant.TermsHash,
            StartsAt = grant.StartsAt, EndsAt = grant.EndsAt, Sublicensable = grant.Sublicensable,
            DerivativesAllowed = grant.DerivativesAllowed, Salt = grant.Salt,
        });

        Assert.Equal(LicenseSignatures.LicenseId(grant), onChain);
    }

    [Fact]
    public async Task GrantWithSig_SignedByOwnerAndRelayedByRegistrar_GrantsWithoutTheOwnerPayingGas()
    {
        // Arrange: a custodial-style owner with no ETH at all signs; the registrar relays and pays.
        var owner = CirculationFixture.NewAccount();
        var tokenId = await chain.RegisterDesignAsync(owner.Address);
        var now = await chain.NowAsync();
        var grant = CirculationFixture.NewGrant(tokenId, DevelopmentKeys.Other.Address, deadline: now + 3600);
        var signature = LicenseSignatures.Sign(grant, CirculationFixture.ChainId, chain.Licenses, owner.PrivateKey);

        // Act
        var receipt = await chain.SendAsync(DevelopmentKeys.Registrar, chain.Licenses, CirculationFixture.ToGrantWithSigFunction(grant, signature));

        // Assert
        var granted = Assert.Single(receipt.DecodeAllEvents<LicenseGrantedEventDTO>()).Event;
        Assert.Equal(LicenseSignatures.LicenseId(grant), granted.LicenseId);
        Assert.True(await chain.IsLicenseValidAsync(granted.LicenseId, await chain.NowAsync()));
        Assert.Equal(BigInteger.Zero, (await chain.ReadOnly().Eth.GetBalance.SendRequestAsync(owner.Address)).Value);
    }

    [Fact]
    public async Task GrantWithSig_WhenRelayedTwice_RevertsWithLicenseExists()
    {
        var owner = CirculationFixture.NewAccount();
        var tokenId = await chain.RegisterDesignAsync(owner.Address);
        var grant = CirculationFixture.NewGrant(tokenId, DevelopmentKeys.Other.Address, deadline: await chain.NowAsync() + 3600);
        var signature = LicenseSignatures.Sign(grant, CirculationFixture.ChainId, chain.Licenses, owner.PrivateKey);
        await chain.SendAsync(DevelopmentKeys.Registrar, chain.Licenses, CirculationFixture.ToGrantWithSigFunction(grant, signature));

        var ex = await Assert.ThrowsAsync<SmartContractCustomErrorRevertException>(() =>
            chain.SendAsync(DevelopmentKeys.Registrar, chain.Licenses, CirculationFixture.ToGrantWithSigFunction(grant, signature)));

        Assert.True(ex.IsCustomErrorFor<LicenseExistsError>());
    }

    [Fact]
    public async Task GrantWithSig_WhenSignedByAnotherKey_RevertsWithInvalidSignature()
    {
        var owner = CirculationFixture.NewAccount();
        var tokenId = await chain.RegisterDesignAsync(owner.Address);
        var grant = CirculationFixture.NewGrant(tokenId, DevelopmentKeys.Other.Address, deadline: await chain.NowAsync() + 3600);
        var forged = LicenseSignatures.Sign(grant, CirculationFixture.ChainId, chain.Licenses, DevelopmentKeys.Registrar.PrivateKey);

        var ex = await Assert.ThrowsAsync<SmartContractCustomErrorRevertException>(() =>
            chain.SendAsync(DevelopmentKeys.Registrar, chain.Licenses, CirculationFixture.ToGrantWithSigFunction(grant, forged)));

        Assert.True(ex.IsCustomErrorFor<InvalidSignatureError>());
    }

    [Fact]
    public async Task GrantWithSig_WhenRelayerChangesTheLicensee_RevertsWithInvalidSignature()
    {
        var owner = CirculationFixture.NewAccount();
        var tokenId = await chain.RegisterDesignAsync(owner.Address);
        var grant = CirculationFixture.NewGrant(tokenId, DevelopmentKeys.Other.Address, deadline: await chain.NowAsync() + 3600);
        var signature = LicenseSignatures.Sign(grant, CirculationFixture.ChainId, chain.Licenses, owner.PrivateKey);
        grant.Licensee = DevelopmentKeys.Registrar.Address;

        var ex = await Assert.ThrowsAsync<SmartContractCustomErrorRevertException>(() =>
            chain.SendAsync(DevelopmentKeys.Registrar, chain.Licenses, CirculationFixture.ToGrantWithSigFunction(grant, signature)));

        Assert.True(ex.IsCustomErrorFor<InvalidSignatureError>());
    }

    [Fact]
    public async Task GrantWithSig_WhenDeadlinePassed_RevertsWithSignatureExpired()
    {
        var owner = CirculationFixture.NewAccount();
        var tokenId = await chain.RegisterDesignAsync(owner.Address);
        var grant = CirculationFixture.NewGrant(tokenId, DevelopmentKeys.Other.Address, deadline: await chain.NowAsync() - 1);
        var signature = LicenseSignatures.Sign(grant, CirculationFixture.ChainId, chain.Licenses, owner.PrivateKey);

        var ex = await Assert.ThrowsAsync<SmartContractCustomErrorRevertException>(() =>
            chain.SendAsync(DevelopmentKeys.Registrar, chain.Licenses, CirculationFixture.ToGrantWithSigFunction(grant, signature)));

        Assert.True(ex.IsCustomErrorFor<SignatureExpiredError>());
    }

    // ---------------------------------------------------------------- validity and revocation

    [Fact]
    public async Task IsLicenseValid_WithExplicitTimes_IsTrueFromStartUntilBeforeEnd()
    {
        // Arrange: the window [1,000, 2,000) in unix seconds; no chain time is involved in the view.
        var owner = await chain.NewFundedAccountAsync();
        var tokenId = await chain.RegisterDesignAsync(owner.Address);
        var (licenseId, _) = await chain.GrantAsync(owner, CirculationFixture.NewGrant(tokenId, DevelopmentKeys.Other.Address, startsAt: 1_000, endsAt: 2_000));
        var (openId, _) = await chain.GrantAsync(owner, CirculationFixture.NewGrant(tokenId, DevelopmentKeys.Other.Address));

        // Act + Assert
        Assert.False(await chain.IsLicenseValidAsync(licenseId, 999));
        Assert.True(await chain.IsLicenseValidAsync(licenseId, 1_000));
        Assert.True(await chain.IsLicenseValidAsync(licenseId, 1_999));
        Assert.False(await chain.IsLicenseValidAsync(licenseId, 2_000));
        Assert.True(await chain.IsLicenseValidAsync(openId, 0));
        Assert.True(await chain.IsLicenseValidAsync(openId, BigInteger.Pow(2, 40)));
        Assert.False(await chain.IsLicenseValidAsync(licenseId + 1, 1_500));
    }

    [Fact]
    public async Task Revoke_ByOwner_InvalidatesFromNowOnAndEmitsLicenseRevoked()
    {
        // Arrange
        var owner = await chain.NewFundedAccountAsync();
        var tokenId = await chain.RegisterDesignAsync(owner.Address);
        var (licenseId, grantReceipt) = await chain.GrantAsync(owner, CirculationFixture.NewGrant(tokenId, DevelopmentKeys.Other.Address));
        var reason = AnvilFixture.RandomHash();

        // Act
        var receipt = await chain.SendAsync(owner, chain.Licenses, new RevokeFunction { LicenseId = licenseId, ReasonHash = reason });

        // Assert: invalid at and after the revocation, still valid before it (history is kept).
        var revoked = Assert.Single(receipt.DecodeAllEvents<LicenseRevokedEventDTO>()).Event;
        Assert.Equal(licenseId, revoked.LicenseId);
        Assert.Equal(tokenId, revoked.TokenId);
        Assert.Equal(reason.ToHex(), revoked.ReasonHash.ToHex());
        var revokedAt = await chain.NowAsync();
        Assert.False(await chain.IsLicenseValidAsync(licenseId, revokedAt));
        Assert.False(await chain.IsLicenseValidAsync(licenseId, revokedAt + 86_400));
        Assert.True(await chain.IsLicenseValidAsync(licenseId, revokedAt - 1));
        var stored = await chain.LicenseOfAsync(licenseId);
        Assert.True(stored.Revoked);
        Assert.Equal(revokedAt, stored.EndsAt);
        Assert.True(grantReceipt.BlockNumber.Value < receipt.BlockNumber.Value);
    }

    [Fact]
    public async Task Revoke_WhenCallerIsNotTheOwner_RevertsWithNotLicensor()
    {
        var owner = await chain.NewFundedAccountAsync();
        var tokenId = await chain.RegisterDesignAsync(owner.Address);
        var (licenseId, _) = await chain.GrantAsync(owner, CirculationFixture.NewGrant(tokenId, DevelopmentKeys.Other.Address));

        // The licensee and the registrar are both refused.
        foreach (var caller in new[] { DevelopmentKeys.Other, DevelopmentKeys.Registrar })
        {
            var ex = await Assert.ThrowsAsync<SmartContractCustomErrorRevertException>(() =>
                chain.SendAsync(caller, chain.Licenses, new RevokeFunction { LicenseId = licenseId, ReasonHash = new byte[32] }));
            Assert.True(ex.IsCustomErrorFor<NotLicensorError>());
        }

        Assert.True(await chain.IsLicenseValidAsync(licenseId, await chain.NowAsync()));
    }

    [Fact]
    public async Task Revoke_WhenAlreadyRevoked_RevertsWithLicenseAlreadyRevoked()
    {
        var owner = await chain.NewFundedAccountAsync();
        var tokenId = await chain.RegisterDesignAsync(owner.Address);
        var (licenseId, _) = await chain.GrantAsync(owner, CirculationFixture.NewGrant(tokenId, DevelopmentKeys.Other.Address));
        await chain.SendAsync(owner, chain.Licenses, new RevokeFunction { LicenseId = licenseId, ReasonHash = new byte[32] });

        var ex = await Assert.ThrowsAsync<SmartContractCustomErrorRevertException>(() =>
            chain.SendAsync(owner, chain.Licenses, new RevokeFunction { LicenseId = licenseId, ReasonHash = new byte[32] }));

        Assert.True(ex.IsCustomErrorFor<LicenseAlreadyRevokedError>());
    }

    [Fact]
    public async Task RevokeWithSig_SignedByOwnerAndRelayedByRegistrar_Revokes()
    {
        // Arrange
        var owner = CirculationFixture.NewAccount();
        var tokenId = await chain.RegisterDesignAsync(owner.Address);
        var grant = CirculationFixture.NewGrant(tokenId, DevelopmentKeys.Other.Address, deadline: await chain.NowAsync() + 3600);
        var grantSig = LicenseSignatures.Sign(grant, CirculationFixture.ChainId, chain.Licenses, owner.PrivateKey);
        await chain.SendAsync(DevelopmentKeys.Registrar, chain.Licenses, CirculationFixture.ToGrantWithSigFunction(grant, grantSig));
        var revocation = new LicenseRevocation { LicenseId = LicenseSignatures.LicenseId(grant), ReasonHash = AnvilFixture.RandomHash(), Deadline = grant.Deadline };
        var signature = LicenseSignatures.Sign(revocation, CirculationFixture.ChainId, chain.Licenses, owner.PrivateKey);

        // Act
        var receipt = await chain.SendAsync(DevelopmentKeys.Registrar, chain.Licenses, new RevokeWithSigFunction
        {
            LicenseId = revocation.LicenseId, ReasonHash = revocation.ReasonHash, Deadline = revocation.Deadline,
            Signer = owner.Address, Signature = signature.HexToByteArray(),
        });

        // Assert
        Assert.Single(receipt.DecodeAllEvents<LicenseRevokedEventDTO>());
        Assert.False(await chain.IsLicenseValidAsync(revocation.LicenseId, await chain.NowAsync()));
    }

    [Fact]
    public async Task RevokeWithSig_WhenSignerIsNotTheOwner_RevertsWithNotLicensor()
    {
        // The licensee signs its own revocation correctly, but a licensee may not revoke.
        var owner = await chain.NewFundedAccountAsync();
        var licensee = CirculationFixture.NewAccount();
        var tokenId = await chain.RegisterDesignAsync(owner.Address);
        var (licenseId, _) = await chain.GrantAsync(owner, CirculationFixture.NewGrant(tokenId, licensee.Address));
        var revocation = new LicenseRevocation { LicenseId = licenseId, ReasonHash = new byte[32], Deadline = await chain.NowAsync() + 3600 };
        var signature = LicenseSignatures.Sign(revocation, CirculationFixture.ChainId, chain.Licenses, licensee.PrivateKey);

        var ex = await Assert.ThrowsAsync<SmartContractCustomErrorRevertException>(() =>
            chain.SendAsync(DevelopmentKeys.Registrar, chain.Licenses, new RevokeWithSigFunction
            {
                LicenseId = licenseId, ReasonHash = revocation.ReasonHash, Deadline = revocation.Deadline,
                Signer = licensee.Address, Signature = signature.HexToByteArray(),
            }));

        Assert.True(ex.IsCustomErrorFor<NotLicensorError>());
    }

    // ---------------------------------------------------------------- sublicences

    [Fact]
    public async Task Sublicense_WithinParentByParentsLicensee_IsAcceptedAndValid()
    {
        // Arrange
        var owner = await chain.NewFundedAccountAsync();
        var licensee = await chain.NewFundedAccountAsync();
        var tokenId = await chain.RegisterDesignAsync(owner.Address);
        var (parentId, _) = await chain.GrantAsync(owner,
            CirculationFixture.NewGrant(tokenId, licensee.Address, startsAt: 1_000, endsAt: 5_000, sublicensable: true, derivativesAllowed: true));
        var sub = CirculationFixture.NewGrant(tokenId, DevelopmentKeys.Other.Address, startsAt: 2_000, endsAt: 5_000, parentId: parentId);

        // Act
        var (subId, receipt) = await chain.GrantAsync(licensee, sub);

        // Assert
        var granted = Assert.Single(receipt.DecodeAllEvents<LicenseGrantedEventDTO>()).Event;
        Assert.Equal(parentId, granted.ParentId);
        Assert.Equal(parentId, (await chain.LicenseOfAsync(subId)).ParentId);
        Assert.True(await chain.IsLicenseValidAsync(subId, 2_000));
        Assert.False(await chain.IsLicenseValidAsync(subId, 1_500));
    }

    [Theory]
    [InlineData(500, 4_000)]  // starts before the parent
    [InlineData(2_000, 6_000)] // ends after the parent
    [InlineData(2_000, 0)]     // open end under a parent that ends
    [InlineData(0, 4_000)]     // open start under a parent that starts
    public async Task Sublicense_ExceedingParentWindow_RevertsWithExceedsParent(long startsAt, long endsAt)
    {
        var owner = await chain.NewFundedAccountAsync();
        var licensee = await chain.NewFundedAccountAsync();
        var tokenId = await chain.RegisterDesignAsync(owner.Address);
        var (parentId, _) = await chain.GrantAsync(owner, CirculationFixture.NewGrant(tokenId, licensee.Address, startsAt: 1_000, endsAt: 5_000, sublicensable: true));
        var sub = CirculationFixture.NewGrant(tokenId, DevelopmentKeys.Other.Address, startsAt: startsAt, endsAt: endsAt, parentId: parentId);

        var ex = await Assert.ThrowsAsync<SmartContractCustomErrorRevertException>(() => chain.GrantAsync(licensee, sub));

        Assert.True(ex.IsCustomErrorFor<ExceedsParentError>());
        Assert.Equal(parentId, ex.DecodeError<ExceedsParentError>().ParentId);
    }

    [Fact]
    public async Task Sublicense_WithARightTheParentLacks_RevertsWithExceedsParent()
    {
        var owner = await chain.NewFundedAccountAsync();
        var licensee = await chain.NewFundedAccountAsync();
        var tokenId = await chain.RegisterDesignAsync(owner.Address);
        var (parentId, _) = await chain.GrantAsync(owner, CirculationFixture.NewGrant(tokenId, licensee.Address, sublicensable: true));
        var sub = CirculationFixture.NewGrant(tokenId, DevelopmentKeys.Other.Address, parentId: parentId, derivativesAllowed: true);

        var ex = await Assert.ThrowsAsync<SmartContractCustomErrorRevertException>(() => chain.GrantAsync(licensee, sub));

        Assert.True(ex.IsCustomErrorFor<ExceedsParentError>());
    }

    [Fact]
    public async Task Sublicense_ByAnyoneButTheParentsLicensee_RevertsWithNotLicensor()
    {
        // Even the design's owner sublicenses only through a top-level grant of its own.
        var owner = await chain.NewFundedAccountAsync();
        var licensee = await chain.NewFundedAccountAsync();
        var tokenId = await chain.RegisterDesignAsync(owner.Address);
        var (parentId, _) = await chain.GrantAsync(owner, CirculationFixture.NewGrant(tokenId, licensee.Address, sublicensable: true));
        var sub = CirculationFixture.NewGrant(tokenId, DevelopmentKeys.Other.Address, parentId: parentId);

        var ex = await Assert.ThrowsAsync<SmartContractCustomErrorRevertException>(() => chain.GrantAsync(owner, sub));

        Assert.True(ex.IsCustomErrorFor<NotLicensorError>());
    }

    [Fact]
    public async Task Sublicense_UnderANonSublicensableParent_RevertsWithNotSublicensable()
    {
        var owner = await chain.NewFundedAccountAsync();
        var licensee = await chain.NewFundedAccountAsync();
        var tokenId = await chain.RegisterDesignAsync(owner.Address);
        var (parentId, _) = await chain.GrantAsync(owner, CirculationFixture.NewGrant(tokenId, licensee.Address));
        var sub = CirculationFixture.NewGrant(tokenId, DevelopmentKeys.Other.Address, parentId: parentId);

        var ex = await Assert.ThrowsAsync<SmartContractCustomErrorRevertException>(() => chain.GrantAsync(licensee, sub));

        Assert.True(ex.IsCustomErrorFor<NotSublicensableError>());
    }

    [Fact]
    public async Task Sublicense_WhenParentIsRevoked_BecomesInvalidButKeepsItsHistory()
    {
        // Arrange: owner → licensee (sublicensable) → sublicensee → sub-sublicensee.
        var owner = await chain.NewFundedAccountAsync();
        var licensee = await chain.NewFundedAccountAsync();
        var sublicensee = await chain.NewFundedAccountAsync();
        var tokenId = await chain.RegisterDesignAsync(owner.Address);
        var (parentId, _) = await chain.GrantAsync(owner, CirculationFixture.NewGrant(tokenId, licensee.Address, sublicensable: true));
        var (childId, _) = await chain.GrantAsync(licensee, CirculationFixture.NewGrant(tokenId, sublicensee.Address, parentId: parentId, sublicensable: true));
        var (grandchildId, _) = await chain.GrantAsync(sublicensee, CirculationFixture.NewGrant(tokenId, DevelopmentKeys.Other.Address, parentId: childId));
        // Anvil may mine the revocation in the same second as the grants, so "before" is a second earlier.
        var before = await chain.NowAsync() - 1;
        Assert.True(await chain.IsLicenseValidAsync(grandchildId, before));

        // Act
        await chain.SendAsync(owner, chain.Licenses, new RevokeFunction { LicenseId = parentId, ReasonHash = new byte[32] });

        // Assert: the whole subtree is invalid from the revocation on; only the parent was written.
        var now = await chain.NowAsync();
        Assert.False(await chain.IsLicenseValidAsync(childId, now));
        Assert.False(await chain.IsLicenseValidAsync(grandchildId, now));
        Assert.True(await chain.IsLicenseValidAsync(grandchildId, before));
        Assert.False((await chain.LicenseOfAsync(childId)).Revoked);
        // A revoked parent cannot be sublicensed any further.
        var ex = await Assert.ThrowsAsync<SmartContractCustomErrorRevertException>(() =>
            chain.GrantAsync(licensee, CirculationFixture.NewGrant(tokenId, DevelopmentKeys.Other.Address, parentId: parentId)));
        Assert.True(ex.IsCustomErrorFor<NotSublicensableError>());
    }

    [Fact]
    public async Task Revoke_OfASublicenceByTheParentsLicensee_IsAllowed()
    {
        var owner = await chain.NewFundedAccountAsync();
        var licensee = await chain.NewFundedAccountAsync();
        var tokenId = await chain.RegisterDesignAsync(owner.Address);
        var (parentId, _) = await chain.GrantAsync(owner, CirculationFixture.NewGrant(tokenId, licensee.Address, sublicensable: true));
        var (childId, _) = await chain.GrantAsync(licensee, CirculationFixture.NewGrant(tokenId, DevelopmentKeys.Other.Address, parentId: parentId));

        await chain.SendAsync(licensee, chain.Licenses, new RevokeFunction { LicenseId = childId, ReasonHash = new byte[32] });

        Assert.False(await chain.IsLicenseValidAsync(childId, await chain.NowAsync()));
        Assert.True(await chain.IsLicenseValidAsync(parentId, await chain.NowAsync()));
    }

    // ---------------------------------------------------------------- transfers

    [Fact]
    public async Task License_SurvivesTransferOfTheDesign_AndOnlyTheNewOwnerMayRevoke()
    {
        // Arrange
        var seller = await chain.NewFundedAccountAsync();
        var buyer = await chain.NewFundedAccountAsync();
        var tokenId = await chain.RegisterDesignAsync(seller.Address);
        var (licenseId, _) = await chain.GrantAsync(seller, CirculationFixture.NewGrant(tokenId, DevelopmentKeys.Other.Address));

        // Act
        await chain.SendAsync(seller, chain.Designs, new Dr.TransferFromFunction { From = seller.Address, To = buyer.Address, TokenId = tokenId });

        // Assert
        Assert.True(AddressUtil.Current.AreAddressesTheSame(buyer.Address, await chain.OwnerOfAsync(tokenId)));
        Assert.True(await chain.IsLicenseValidAsync(licenseId, await chain.NowAsync()));
        var ex = await Assert.ThrowsAsync<SmartContractCustomErrorRevertException>(() =>
            chain.SendAsync(seller, chain.Licenses, new RevokeFunction { LicenseId = licenseId, ReasonHash = new byte[32] }));
        Assert.True(ex.IsCustomErrorFor<NotLicensorError>());
        var grantEx = await Assert.ThrowsAsync<SmartContractCustomErrorRevertException>(() =>
            chain.GrantAsync(seller, CirculationFixture.NewGrant(tokenId, DevelopmentKeys.Other.Address)));
        Assert.True(grantEx.IsCustomErrorFor<NotLicensorError>());
        await chain.SendAsync(buyer, chain.Licenses, new RevokeFunction { LicenseId = licenseId, ReasonHash = new byte[32] });
        Assert.False(await chain.IsLicenseValidAsync(licenseId, await chain.NowAsync()));
    }

    [Fact]
    public async Task GrantWithSig_SignedBySellerButRelayedAfterTransfer_RevertsWithInvalidSignature()
    {
        var seller = await chain.NewFundedAccountAsync();
        var tokenId = await chain.RegisterDesignAsync(seller.Address);
        var grant = CirculationFixture.NewGrant(tokenId, DevelopmentKeys.Other.Address, deadline: await chain.NowAsync() + 3600);
        var signature = LicenseSignatures.Sign(grant, CirculationFixture.ChainId, chain.Licenses, seller.PrivateKey);
        await chain.SendAsync(seller, chain.Designs, new Dr.TransferFromFunction { From = seller.Address, To = CirculationFixture.NewAccount().Address, TokenId = tokenId });

        var ex = await Assert.ThrowsAsync<SmartContractCustomErrorRevertException>(() =>
            chain.SendAsync(DevelopmentKeys.Registrar, chain.Licenses, CirculationFixture.ToGrantWithSigFunction(grant, signature)));

        Assert.True(ex.IsCustomErrorFor<InvalidSignatureError>());
    }

    // ---------------------------------------------------------------- derivatives

    [Fact]
    public async Task RegisterDerivative_UnderAValidLicenceHeldByTheChildsOwner_EmitsDerivativeRegistered()
    {
        // Arrange: the parent's owner licenses derivatives to a remixer, whose new design is registered by the registrar.
        var (parentToken, childToken, licenseId) = await ParentChildAndLicenceAsync(derivativesAllowed: true);

        // Act
        var receipt = await chain.SendAsync(DevelopmentKeys.Registrar, chain.Licenses,
            new RegisterDerivativeFunction { ChildTokenId = childToken, ParentTokenId = parentToken, LicenseId = licenseId });

        // Assert
        var link = Assert.Single(receipt.DecodeAllEvents<DerivativeRegisteredEventDTO>()).Event;
        Assert.Equal(childToken, link.ChildTokenId);
        Assert.Equal(parentToken, link.ParentTokenId);
        Assert.Equal(licenseId, link.LicenseId);
    }

    [Fact]
    public async Task RegisterDerivative_WithoutALicenceOfTheChildsOwner_RevertsWithDerivativeNotLicensed()
    {
        // Arrange: a licence exists, but it is someone else's.
        var owner = await chain.NewFundedAccountAsync();
        var remixer = await chain.NewFundedAccountAsync();
        var parentToken = await chain.RegisterDesignAsync(owner.Address);
        var childToken = await chain.RegisterDesignAsync(remixer.Address);
        var (othersLicence, _) = await chain.GrantAsync(owner, CirculationFixture.NewGrant(parentToken, DevelopmentKeys.Other.Address, derivativesAllowed: true));

        foreach (var licenseId in new[] { othersLicence, BigInteger.Zero, othersLicence + 1 })
        {
            // Act
            var ex = await Assert.ThrowsAsync<SmartContractCustomErrorRevertException>(() =>
                chain.SendAsync(DevelopmentKeys.Registrar, chain.Licenses,
                    new RegisterDerivativeFunction { ChildTokenId = childToken, ParentTokenId = parentToken, LicenseId = licenseId }));

            // Assert
            Assert.True(ex.IsCustomErrorFor<DerivativeNotLicensedError>());
        }
    }

    [Fact]
    public async Task RegisterDerivative_WithAnExpiredLicence_RevertsWithDerivativeNotLicensed()
    {
        var now = await chain.NowAsync();
        var (parentToken, childToken, licenseId) = await ParentChildAndLicenceAsync(derivativesAllowed: true, startsAt: now - 7200, endsAt: now - 3600);

        var ex = await Assert.ThrowsAsync<SmartContractCustomErrorRevertException>(() =>
            chain.SendAsync(DevelopmentKeys.Registrar, chain.Licenses,
                new RegisterDerivativeFunction { ChildTokenId = childToken, ParentTokenId = parentToken, LicenseId = licenseId }));

        Assert.True(ex.IsCustomErrorFor<DerivativeNotLicensedError>());
    }

    [Fact]
    public async Task RegisterDerivative_WhenTheLicenceDoesNotAllowDerivatives_RevertsWithDerivativeNotLicensed()
    {
        var (parentToken, childToken, licenseId) = await ParentChildAndLicenceAsync(derivativesAllowed: false);

        var ex = await Assert.ThrowsAsync<SmartContractCustomErrorRevertException>(() =>
            chain.SendAsync(DevelopmentKeys.Registrar, chain.Licenses,
                new RegisterDerivativeFunction { ChildTokenId = childToken, ParentTokenId = parentToken, LicenseId = licenseId }));

        Assert.True(ex.IsCustomErrorFor<DerivativeNotLicensedError>());
    }

    [Fact]
    public async Task RegisterDerivative_ByAStranger_RevertsWithNotRegistrarOrOwner()
    {
        var (parentToken, childToken, licenseId) = await ParentChildAndLicenceAsync(derivativesAllowed: true);

        var ex = await Assert.ThrowsAsync<SmartContractCustomErrorRevertException>(() =>
            chain.SendAsync(DevelopmentKeys.Other, chain.Licenses,
                new RegisterDerivativeFunction { ChildTokenId = childToken, ParentTokenId = parentToken, LicenseId = licenseId }));

        Assert.True(ex.IsCustomErrorFor<NotRegistrarOrOwnerError>());
    }

    private async Task<(BigInteger ParentToken, BigInteger ChildToken, BigInteger LicenseId)> ParentChildAndLicenceAsync(
        bool derivativesAllowed, BigInteger? startsAt = null, BigInteger? endsAt = null)
    {
        var owner = await chain.NewFundedAccountAsync();
        var remixer = CirculationFixture.NewAccount();
        var parentToken = await chain.RegisterDesignAsync(owner.Address);
        var childToken = await chain.RegisterDesignAsync(remixer.Address);
        var (licenseId, _) = await chain.GrantAsync(owner,
            CirculationFixture.NewGrant(parentToken, remixer.Address, startsAt: startsAt, endsAt: endsAt, derivativesAllowed: derivativesAllowed));
        return (parentToken, childToken, licenseId);
    }
}

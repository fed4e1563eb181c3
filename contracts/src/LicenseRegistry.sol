// SPDX-License-Identifier: UNLICENSED
pragma solidity ^0.8.24;

import {IERC721} from "@openzeppelin/contracts/token/ERC721/IERC721.sol";
import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {SignatureChecker} from "@openzeppelin/contracts/utils/cryptography/SignatureChecker.sol";

/// @title VFIP licence registry
/// @notice Licences on designs registered in a DesignRegistry (an ERC-721): grants, sublicence trees
/// (after EIP-5218), revocation, expiry, and derivative lineage. A licence binds the design's token,
/// not the account that granted it, so it survives an ERC-721 transfer of the design.
/// @dev Storage holds only what the contract itself must read: who holds a licence, its validity window,
/// its place in the tree, two rights flags and the revoked flag (two slots, three for a sublicence). The
/// terms hash, revocation reason and derivative links are emitted in events and never stored.
/// Ownership and the registrar role are read from the DesignRegistry, so there is one place to manage roles.
contract LicenseRegistry is EIP712 {
    /// @notice Same role id as DesignRegistry.REGISTRAR_ROLE; its holders there may {registerDerivative} here.
    bytes32 public constant REGISTRAR_ROLE = keccak256("REGISTRAR_ROLE");

    /// @notice EIP-712 type hash of the grant a licensor signs for {grantWithSig}. The licensor is implied:
    /// the design's current owner for a top-level licence, the parent licence's licensee for a sublicence.
    bytes32 public constant LICENSE_GRANT_TYPEHASH = keccak256(
        "LicenseGrant(uint256 tokenId,address licensee,uint256 parentId,bytes32 termsHash,uint40 startsAt,uint40 endsAt,bool sublicensable,bool derivativesAllowed,bytes32 salt,uint256 deadline)"
    );

    /// @notice EIP-712 type hash of the revocation a licensor signs for {revokeWithSig}.
    bytes32 public constant LICENSE_REVOCATION_TYPEHASH =
        keccak256("LicenseRevocation(uint256 licenseId,bytes32 reasonHash,uint256 deadline)");

    uint8 private constant REVOKED = 1;
    uint8 private constant SUBLICENSABLE = 2;
    uint8 private constant DERIVATIVES_ALLOWED = 4;

    /// @dev Slot 0: licensee, startsAt, endsAt, flags (248 bits). Slot 1: tokenId. Slot 2: parentId, written only
    /// for sublicences. endsAt is clamped to the revocation time on revocation, so the window alone answers
    /// "was it valid at t" for every t, before and after a revocation.
    struct License {
        address licensee;
        uint40 startsAt;
        uint40 endsAt;
        uint8 flags;
        uint256 tokenId;
        uint256 parentId;
    }

    /// @notice The DesignRegistry whose tokens are licensed.
    IERC721 public immutable designs;

    mapping(uint256 licenseId => License) private _licenses;

    /// @notice A licence was granted. The only place its terms hash is recorded.
    /// @param licenseId {licenseIdOf} the grant's fields.
    /// @param parentId Zero for a top-level licence granted by the design's owner.
    /// @param termsHash Hash of the canonical terms JSON (computed off chain).
    /// @param startsAt First second of validity (0 = open).
    /// @param endsAt First second after validity (0 = open).
    /// @param sublicensable The licensee may grant sublicences under it.
    /// @param derivativesAllowed Designs derived under it may be anchored with {registerDerivative}.
    event LicenseGranted(
        uint256 indexed licenseId,
        uint256 indexed tokenId,
        address indexed licensee,
        uint256 parentId,
        bytes32 termsHash,
        uint40 startsAt,
        uint40 endsAt,
        bool sublicensable,
        bool derivativesAllowed
    );

    /// @notice A licence was revoked from this block's timestamp on; its sublicences lose validity with it.
    /// @param reasonHash Hash of the reason document (off chain); zero when none was given.
    event LicenseRevoked(uint256 indexed licenseId, uint256 indexed tokenId, bytes32 reasonHash);

    /// @notice `childTokenId` was registered as a derivative of `parentTokenId` under `licenseId`,
    /// which was valid at this block's timestamp and held by the child's owner.
    event DerivativeRegistered(uint256 indexed childTokenId, uint256 indexed parentTokenId, uint256 licenseId);

    /// @notice The caller (or signer) may not grant or revoke this licence.
    error NotLicensor(address account);
    /// @notice The licensee is the zero address.
    error InvalidLicensee();
    /// @notice endsAt is not after startsAt (only checked when endsAt is set).
    error InvalidValidity(uint40 startsAt, uint40 endsAt);
    /// @notice A licence with this id exists already (same fields and salt): a grant cannot be replayed.
    error LicenseExists(uint256 licenseId);
    /// @notice No licence has this id.
    error UnknownLicense(uint256 licenseId);
    /// @notice The licence was revoked already.
    error LicenseAlreadyRevoked(uint256 licenseId);
    /// @notice The parent licence does not allow sublicensing, is revoked, or licenses another token.
    error NotSublicensable(uint256 parentId);
    /// @notice A sublicence may not be wider than its parent: window or rights exceed the parent's.
    error ExceedsParent(uint256 parentId);
    /// @notice {grantWithSig} / {revokeWithSig} relayed after the signed deadline.
    error SignatureExpired(uint256 deadline);
    /// @notice The signature is not the licensor's (EOA ECDSA or ERC-1271 smart wallet).
    error InvalidSignature();
    /// @notice Only the registrar or the derivative's owner may anchor lineage.
    error NotRegistrarOrOwner(address account);
    /// @notice The licence does not permit this derivative: not valid now, another token, another holder,
    /// or no derivative right.
    error DerivativeNotLicensed(uint256 licenseId);
    /// @notice A design cannot derive from itself.
    error SelfDerivative(uint256 tokenId);

    constructor(IERC721 designRegistry) EIP712("VFIP LicenseRegistry", "1") {
        designs = designRegistry;
    }

    // ---------------------------------------------------------------- grant

    /// @notice Grants a licence on `tokenId` to `licensee`. A top-level licence (`parentId` 0) may be granted
    /// by the design's current owner; a sublicence only by the licensee of a sublicensable parent, within the
    /// parent's window and rights.
    /// @param salt Any value that makes the id unique when the same terms are granted twice to the same licensee.
    /// @return licenseId {licenseIdOf} the fields: computable off chain before the transaction is sent.
    function grant(
        uint256 tokenId,
        address licensee,
        uint256 parentId,
        bytes32 termsHash,
        uint40 startsAt,
        uint40 endsAt,
        bool sublicensable,
        bool derivativesAllowed,
        bytes32 salt
    ) external returns (uint256 licenseId) {
        address licensor = _licensorOf(tokenId, parentId);
        if (msg.sender != licensor) revert NotLicensor(msg.sender);
        return _grant(tokenId, licensee, parentId, termsHash, startsAt, endsAt, sublicensable, derivativesAllowed, salt);
    }

    /// @notice {grant} on the strength of the licensor's EIP-712 signature over {LICENSE_GRANT_TYPEHASH};
    /// anyone may relay it (the service does, so licensors pay no gas).
    /// @dev No nonce: the licence id is a hash of the signed fields, so a second relay reverts LicenseExists.
    /// The licensor is read at relay time, so a signature from an owner who has since sold the design fails.
    function grantWithSig(
        uint256 tokenId,
        address licensee,
        uint256 parentId,
        bytes32 termsHash,
        uint40 startsAt,
        uint40 endsAt,
        bool sublicensable,
        bool derivativesAllowed,
        bytes32 salt,
        uint256 deadline,
        bytes calldata signature
    ) external returns (uint256 licenseId) {
        if (block.timestamp > deadline) revert SignatureExpired(deadline);
        address licensor = _licensorOf(tokenId, parentId);
        bytes32 digest = _hashTypedDataV4(
            keccak256(
                abi.encode(
                    LICENSE_GRANT_TYPEHASH,
                    tokenId,
                    licensee,
                    parentId,
                    termsHash,
                    startsAt,
                    endsAt,
                    sublicensable,
                    derivativesAllowed,
                    salt,
                    deadline
                )
            )
        );
        if (!SignatureChecker.isValidSignatureNowCalldata(licensor, digest, signature)) revert InvalidSignature();
        return _grant(tokenId, licensee, parentId, termsHash, startsAt, endsAt, sublicensable, derivativesAllowed, salt);
    }

    /// @notice The EIP-712 digest a licensor signs for {grantWithSig}; lets clients check their hashing.
    function grantDigest(
        uint256 tokenId,
        address licensee,
        uint256 parentId,
        bytes32 termsHash,
        uint40 startsAt,
        uint40 endsAt,
        bool sublicensable,
        bool derivativesAllowed,
        bytes32 salt,
        uint256 deadline
    ) external view returns (bytes32) {
        return _hashTypedDataV4(
            keccak256(
                abi.encode(
                    LICENSE_GRANT_TYPEHASH,
                    tokenId,
                    licensee,
                    parentId,
                    termsHash,
                    startsAt,
                    endsAt,
                    sublicensable,
                    derivativesAllowed,
                    salt,
                    deadline
                )
            )
        );
    }

    /// @notice The id a grant with these fields gets: keccak256 of their ABI encoding. Ids are unique per
    /// contract because a second grant with the same fields reverts LicenseExists.
    function licenseIdOf(
        uint256 tokenId,
        address licensee,
        uint256 parentId,
        bytes32 termsHash,
        uint40 startsAt,
        uint40 endsAt,
        bool sublicensable,
        bool derivativesAllowed,
        bytes32 salt
    ) public pure returns (uint256) {
        return uint256(
            keccak256(
                abi.encode(tokenId, licensee, parentId, termsHash, startsAt, endsAt, sublicensable, derivativesAllowed, salt)
            )
        );
    }

    // ---------------------------------------------------------------- revoke

    /// @notice Revokes a licence from now on (validity before now is kept). Allowed to the design's current
    /// owner, and for a sublicence also to the parent's licensee who granted it. Sublicences of a revoked
    /// licence become invalid through {isLicenseValid}; they are not touched one by one.
    /// @param reasonHash Hash of the reason document, emitted only.
    function revoke(uint256 licenseId, bytes32 reasonHash) external {
        _revoke(licenseId, reasonHash, msg.sender);
    }

    /// @notice {revoke} on the strength of the licensor's EIP-712 signature over {LICENSE_REVOCATION_TYPEHASH}.
    /// @dev No nonce: a licence can be revoked once, a replay reverts LicenseAlreadyRevoked.
    function revokeWithSig(uint256 licenseId, bytes32 reasonHash, uint256 deadline, address signer, bytes calldata signature)
        external
    {
        if (block.timestamp > deadline) revert SignatureExpired(deadline);
        bytes32 digest = revocationDigest(licenseId, reasonHash, deadline);
        if (!SignatureChecker.isValidSignatureNowCalldata(signer, digest, signature)) revert InvalidSignature();
        _revoke(licenseId, reasonHash, signer);
    }

    /// @notice The EIP-712 digest a licensor signs for {revokeWithSig}.
    function revocationDigest(uint256 licenseId, bytes32 reasonHash, uint256 deadline) public view returns (bytes32) {
        return _hashTypedDataV4(keccak256(abi.encode(LICENSE_REVOCATION_TYPEHASH, licenseId, reasonHash, deadline)));
    }

    // ---------------------------------------------------------------- derivatives

    /// @notice Anchors that `childTokenId` derives from `parentTokenId` under `licenseId`. The licence must be
    /// valid now (its whole parent chain too), license `parentTokenId`, allow derivatives, and be held by the
    /// child's current owner. Callable by the registrar (for custodial owners) or by the child's owner.
    /// Nothing is stored: a design with several parents gets one call (and one event) per parent.
    function registerDerivative(uint256 childTokenId, uint256 parentTokenId, uint256 licenseId) external {
        if (childTokenId == parentTokenId) revert SelfDerivative(childTokenId);
        address childOwner = designs.ownerOf(childTokenId);
        if (msg.sender != childOwner && !IAccessControl(address(designs)).hasRole(REGISTRAR_ROLE, msg.sender)) {
            revert NotRegistrarOrOwner(msg.sender);
        }
        License storage license = _licenses[licenseId];
        if (
            license.licensee != childOwner || license.tokenId != parentTokenId
                || license.flags & DERIVATIVES_ALLOWED == 0 || !isLicenseValid(licenseId, block.timestamp)
        ) revert DerivativeNotLicensed(licenseId);
        emit DerivativeRegistered(childTokenId, parentTokenId, licenseId);
    }

    // ---------------------------------------------------------------- views

    /// @notice Whether `licenseId` is valid at time `timestamp` (unix seconds): it exists, `timestamp` lies in its
    /// window [startsAt, endsAt) and in every ancestor's (a revocation closes a window at the revocation time).
    /// False for unknown ids.
    /// @dev Walks the parent chain; its depth is bounded by what sublicensors paid to create.
    function isLicenseValid(uint256 licenseId, uint256 timestamp) public view returns (bool) {
        if (licenseId == 0) return false;
        do {
            License storage license = _licenses[licenseId];
            if (license.licensee == address(0)) return false;
            if (timestamp < license.startsAt) return false;
            if (license.endsAt != 0 && timestamp >= license.endsAt) return false;
            licenseId = license.parentId;
        } while (licenseId != 0);
        return true;
    }

    /// @notice A licence's stored fields (all zero for an unknown id). The terms hash is in {LicenseGranted} only.
    function licenseOf(uint256 licenseId)
        external
        view
        returns (
            uint256 tokenId,
            address licensee,
            uint256 parentId,
            uint40 startsAt,
            uint40 endsAt,
            bool revoked,
            bool sublicensable,
            bool derivativesAllowed
        )
    {
        License storage license = _licenses[licenseId];
        uint8 flags = license.flags;
        return (
            license.tokenId,
            license.licensee,
            license.parentId,
            license.startsAt,
            license.endsAt,
            flags & REVOKED != 0,
            flags & SUBLICENSABLE != 0,
            flags & DERIVATIVES_ALLOWED != 0
        );
    }

    // ---------------------------------------------------------------- internals

    /// @dev Who may grant under (tokenId, parentId): the design's owner (ownerOf reverts for an unregistered
    /// design), or the licensee of a parent that licenses the same token and allows sublicensing.
    function _licensorOf(uint256 tokenId, uint256 parentId) private view returns (address) {
        if (parentId == 0) return designs.ownerOf(tokenId);
        License storage parent = _licenses[parentId];
        if (parent.licensee == address(0)) revert UnknownLicense(parentId);
        if (parent.tokenId != tokenId || parent.flags & (SUBLICENSABLE | REVOKED) != SUBLICENSABLE) {
            revert NotSublicensable(parentId);
        }
        return parent.licensee;
    }

    function _grant(
        uint256 tokenId,
        address licensee,
        uint256 parentId,
        bytes32 termsHash,
        uint40 startsAt,
        uint40 endsAt,
        bool sublicensable,
        bool derivativesAllowed,
        bytes32 salt
    ) private returns (uint256 licenseId) {
        if (licensee == address(0)) revert InvalidLicensee();
        if (endsAt != 0 && endsAt <= startsAt) revert InvalidValidity(startsAt, endsAt);
        uint8 flags = (sublicensable ? SUBLICENSABLE : 0) | (derivativesAllowed ? DERIVATIVES_ALLOWED : 0);
        if (parentId != 0) {
            License storage parent = _licenses[parentId];
            // Within the parent's window (0 = open on that side) and no right the parent lacks.
            // SUBLICENSABLE is set on the parent (checked by _licensorOf), so only DERIVATIVES_ALLOWED can exceed it.
            if (
                startsAt < parent.startsAt || (parent.endsAt != 0 && (endsAt == 0 || endsAt > parent.endsAt))
                    || flags & ~parent.flags != 0
            ) revert ExceedsParent(parentId);
        }
        licenseId = licenseIdOf(tokenId, licensee, parentId, termsHash, startsAt, endsAt, sublicensable, derivativesAllowed, salt);
        License storage license = _licenses[licenseId];
        if (license.licensee != address(0)) revert LicenseExists(licenseId);
        license.licensee = licensee;
        license.startsAt = startsAt;
        license.endsAt = endsAt;
        license.flags = flags;
        license.tokenId = tokenId;
        // Top-level licences leave the third slot untouched (zero), which saves its write.
        if (parentId != 0) license.parentId = parentId;
        emit LicenseGranted(licenseId, tokenId, licensee, parentId, termsHash, startsAt, endsAt, sublicensable, derivativesAllowed);
    }

    function _revoke(uint256 licenseId, bytes32 reasonHash, address account) private {
        License storage license = _licenses[licenseId];
        if (license.licensee == address(0)) revert UnknownLicense(licenseId);
        if (license.flags & REVOKED != 0) revert LicenseAlreadyRevoked(licenseId);
        uint256 tokenId = license.tokenId;
        uint256 parentId = license.parentId;
        // The owner at revocation time, not the one who granted: licences bind the token.
        if (account != designs.ownerOf(tokenId) && (parentId == 0 || account != _licenses[parentId].licensee)) {
            revert NotLicensor(account);
        }
        // Close the window now (kept if it already ends earlier); a licence revoked before it starts gets an
        // empty window. History before the revocation stays valid.
        uint40 now40 = uint40(block.timestamp);
        if (license.endsAt == 0 || license.endsAt > now40) license.endsAt = now40;
        license.flags |= REVOKED;
        emit LicenseRevoked(licenseId, tokenId, reasonHash);
    }
}

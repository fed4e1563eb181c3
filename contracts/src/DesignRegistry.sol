// SPDX-License-Identifier: UNLICENSED
pragma solidity ^0.8.24;

import {ERC721} from "@openzeppelin/contracts/token/ERC721/ERC721.sol";
import {ERC2981} from "@openzeppelin/contracts/token/common/ERC2981.sol";
import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {SignatureChecker} from "@openzeppelin/contracts/utils/cryptography/SignatureChecker.sol";

/// @title VFIP design registry
/// @notice One ERC-721 token per registered virtual fashion design. The token id IS the design's
/// content hash (SHA-256 over its images' SHA-256 digests, read as a uint256), so ERC-721's own
/// owner slot is the uniqueness check and no extra mapping is needed.
/// @dev Fingerprints, metadata hash and metadata URI are emitted in {DesignRegistered} and never
/// stored: storage is what makes a registration expensive, and the service (and anyone else)
/// rebuilds its read model from events.
/// Royalties follow EIP-2981 per design ({royaltyInfo}); licences, sublicences and derivative lineage live in
/// LicenseRegistry, which reads ownership and the registrar role from this contract.
contract DesignRegistry is ERC721, ERC2981, AccessControl, EIP712 {
    /// @notice May register designs on behalf of custodial owners (the service's hot key).
    bytes32 public constant REGISTRAR_ROLE = keccak256("REGISTRAR_ROLE");

    /// @notice EIP-712 type hash of the struct an owner signs for {registerWithSig}.
    /// @dev Arrays hash as keccak256 of their packed elements and strings as keccak256 of their
    /// bytes (EIP-712 "encodeData"). No nonce: a content hash can be registered only once, so a
    /// signature cannot be replayed; the deadline bounds how long a leaked signature is usable.
    bytes32 public constant REGISTRATION_TYPEHASH = keccak256(
        "Registration(address owner,bytes32 contentHash,bytes32[] fingerprints,bytes32 metadataHash,string metadataUri,uint256 deadline)"
    );

    /// @notice The content hash is registered already; `owner` holds it now.
    error AlreadyRegistered(uint256 tokenId, address owner);
    /// @notice {registerWithSig} was relayed after the signed deadline.
    error SignatureExpired(uint256 deadline);
    /// @notice The signature is not the owner's (EOA ECDSA or ERC-1271 smart wallet).
    error InvalidSignature();
    /// @notice Only the design's current owner may do this.
    error NotTokenOwner(uint256 tokenId, address account);

    /// @notice A design was registered. The only place its fingerprints and metadata are recorded.
    /// @param tokenId uint256(contentHash).
    /// @param owner First owner (the current owner may differ after transfers; see Transfer).
    /// @param fingerprints One 32-byte perceptual hash (PDQ) per image, in image order.
    /// @param metadataHash SHA-256 of the design's metadata document.
    /// @param metadataUri Where the metadata document is served.
    event DesignRegistered(
        uint256 indexed tokenId,
        address indexed owner,
        bytes32[] fingerprints,
        bytes32 metadataHash,
        string metadataUri
    );

    /// @notice A design's EIP-2981 royalty was set (`bps` > 0) or cleared (`receiver` zero, `bps` 0).
    /// @dev OpenZeppelin's ERC2981 emits nothing; this event is what lets an indexer rebuild royalties from logs.
    /// @param receiver Who {royaltyInfo} names; may be a split contract (multi-party splits are recorded off chain).
    /// @param bps Basis points of the sale price (10,000 = 100 %).
    event RoyaltySet(uint256 indexed tokenId, address receiver, uint96 bps);

    string private _baseTokenUri;

    constructor(address admin, address registrar)
        ERC721("VFIP Design", "VFIP")
        EIP712("VFIP DesignRegistry", "1")
    {
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        _grantRole(REGISTRAR_ROLE, registrar);
    }

    /// @notice Registers a design for a custodial owner; only the registrar may call it.
    /// @return tokenId uint256(contentHash).
    function register(
        address owner,
        bytes32 contentHash,
        bytes32[] calldata fingerprints,
        bytes32 metadataHash,
        string calldata metadataUri
    ) external onlyRole(REGISTRAR_ROLE) returns (uint256 tokenId) {
        return _register(owner, contentHash, fingerprints, metadataHash, metadataUri);
    }

    /// @notice Registers a design for a custodial owner with an EIP-2981 royalty in the same transaction;
    /// only the registrar may call it.
    /// @dev A separate function rather than two more parameters on {register}: the common case (no royalty)
    /// keeps its calldata and its selector, and the royalty slot is written only when there is a royalty.
    /// @param receiver Royalty receiver (non-zero; may be a split contract).
    /// @param bps Royalty in basis points, 1..10,000.
    function registerWithRoyalty(
        address owner,
        bytes32 contentHash,
        bytes32[] calldata fingerprints,
        bytes32 metadataHash,
        string calldata metadataUri,
        address receiver,
        uint96 bps
    ) external onlyRole(REGISTRAR_ROLE) returns (uint256 tokenId) {
        tokenId = _register(owner, contentHash, fingerprints, metadataHash, metadataUri);
        _setRoyalty(tokenId, receiver, bps);
    }

    /// @notice Sets (or, with `receiver` zero and `bps` 0, clears) the EIP-2981 royalty of a design.
    /// Only the design's current owner may call it; the royalty survives transfers until the new owner changes it.
    /// @param bps Basis points of the sale price, at most 10,000.
    function setRoyalty(uint256 tokenId, address receiver, uint96 bps) external {
        // ownerOf reverts ERC721NonexistentToken for an unregistered design.
        if (ownerOf(tokenId) != msg.sender) revert NotTokenOwner(tokenId, msg.sender);
        if (receiver == address(0) && bps == 0) {
            _resetTokenRoyalty(tokenId);
            emit RoyaltySet(tokenId, address(0), 0);
        } else {
            _setRoyalty(tokenId, receiver, bps);
        }
    }

    /// @notice Registers a design for `owner` on the strength of `owner`'s EIP-712 signature over
    /// {REGISTRATION_TYPEHASH}. Anyone may relay it (the service does, so designers pay no gas).
    /// @dev The deadline and signature are checked before the uniqueness check, so a relayer learns
    /// nothing from an invalid request that it could not read from {registeredOwner} anyway.
    function registerWithSig(
        address owner,
        bytes32 contentHash,
        bytes32[] calldata fingerprints,
        bytes32 metadataHash,
        string calldata metadataUri,
        uint256 deadline,
        bytes calldata signature
    ) external returns (uint256 tokenId) {
        if (block.timestamp > deadline) revert SignatureExpired(deadline);
        bytes32 digest = registrationDigest(owner, contentHash, fingerprints, metadataHash, metadataUri, deadline);
        // SignatureChecker accepts EOA signatures and ERC-1271 smart wallets alike.
        if (!SignatureChecker.isValidSignatureNowCalldata(owner, digest, signature)) revert InvalidSignature();
        return _register(owner, contentHash, fingerprints, metadataHash, metadataUri);
    }

    /// @notice The EIP-712 digest `owner` signs for {registerWithSig}; lets clients check their
    /// typed-data hashing against the contract's.
    function registrationDigest(
        address owner,
        bytes32 contentHash,
        bytes32[] calldata fingerprints,
        bytes32 metadataHash,
        string calldata metadataUri,
        uint256 deadline
    ) public view returns (bytes32) {
        return _hashTypedDataV4(
            keccak256(
                abi.encode(
                    REGISTRATION_TYPEHASH,
                    owner,
                    contentHash,
                    keccak256(abi.encodePacked(fingerprints)),
                    metadataHash,
                    keccak256(bytes(metadataUri)),
                    deadline
                )
            )
        );
    }

    /// @notice Current owner of a content hash, or the zero address when it is not registered.
    /// @dev Unlike {ownerOf} this does not revert for unknown tokens, so clients need no
    /// revert-decoding to ask "is this registered?".
    function registeredOwner(bytes32 contentHash) external view returns (address) {
        return _ownerOf(uint256(contentHash));
    }

    /// @notice Sets the prefix of {tokenURI} (tokenURI = base + decimal token id; empty by default).
    function setBaseURI(string calldata baseUri) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _baseTokenUri = baseUri;
    }

    /// @dev ERC-165 for ERC-721 (+ Metadata), EIP-2981 (0x2a55205a) and AccessControl.
    function supportsInterface(bytes4 interfaceId) public view override(ERC721, ERC2981, AccessControl) returns (bool) {
        return super.supportsInterface(interfaceId);
    }

    function _baseURI() internal view override returns (string memory) {
        return _baseTokenUri;
    }

    /// @dev OpenZeppelin reverts ERC2981InvalidTokenRoyalty above 10,000 bps and ERC2981InvalidTokenRoyaltyReceiver
    /// for a zero receiver.
    function _setRoyalty(uint256 tokenId, address receiver, uint96 bps) private {
        _setTokenRoyalty(tokenId, receiver, bps);
        emit RoyaltySet(tokenId, receiver, bps);
    }

    function _register(
        address owner,
        bytes32 contentHash,
        bytes32[] calldata fingerprints,
        bytes32 metadataHash,
        string calldata metadataUri
    ) private returns (uint256 tokenId) {
        tokenId = uint256(contentHash);
        // The owner slot doubles as the uniqueness record (warm afterwards, so _mint's own read is cheap).
        address existing = _ownerOf(tokenId);
        if (existing != address(0)) revert AlreadyRegistered(tokenId, existing);
        // _mint, not _safeMint: custodial owners are EOAs the service controls, and a receiver hook
        // would let a contract owner run code (and burn gas) inside the registrar's transaction.
        _mint(owner, tokenId);
        emit DesignRegistered(tokenId, owner, fingerprints, metadataHash, metadataUri);
    }
}

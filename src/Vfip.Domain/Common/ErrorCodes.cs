namespace Vfip.Domain.Common;

/// <summary>
/// Every error code VFIP raises, each defined once with its <see cref="ErrorKind"/>, grouped by area. A code belongs
/// to one kind wherever it is raised, so a client always gets the same answer for it. docs/api.md lists them for
/// clients; a new code goes here first.
/// </summary>
public static class ErrorCodes
{
    private static ErrorCode Invalid(string code) => new(code, ErrorKind.Invalid);

    private static ErrorCode NotFound(string code) => new(code, ErrorKind.NotFound);

    private static ErrorCode Conflict(string code) => new(code, ErrorKind.Conflict);

    private static ErrorCode Forbidden(string code) => new(code, ErrorKind.Forbidden);

    /// <summary>Reading a request: its body, its form, its fields.</summary>
    public static class Requests
    {
        /// <summary>One or more fields failed validation; the <c>errors</c> extension maps field names to messages.</summary>
        public static readonly ErrorCode ValidationFailed = Invalid("validation_failed");

        /// <summary>The server could not read the request at all (a malformed body, a bad header).</summary>
        public static readonly ErrorCode BadRequest = Invalid("bad_request");

        /// <summary>A JSON body that does not parse, or not into the expected shape.</summary>
        public static readonly ErrorCode InvalidJson = Invalid("invalid_json");

        /// <summary>A body (or a multipart section) over the endpoint's ceiling.</summary>
        public static readonly ErrorCode PayloadTooLarge = new("payload_too_large", ErrorKind.TooLarge);

        /// <summary>A body in a media type the endpoint does not take.</summary>
        public static readonly ErrorCode UnsupportedMediaType = new("unsupported_media_type", ErrorKind.UnsupportedMediaType);

        /// <summary>Another change to the same resource was saved while the request ran; read it again and retry.</summary>
        public static readonly ErrorCode ConcurrentUpdate = Conflict("concurrent_update");
    }

    /// <summary>Uploaded images (registration, identification).</summary>
    public static class Images
    {
        /// <summary>Identification without an <c>image</c> field (or PDQ hashes).</summary>
        public static readonly ErrorCode Required = Invalid("image_required");

        /// <summary>An image with no bytes.</summary>
        public static readonly ErrorCode Empty = Invalid("image_empty");

        /// <summary>An image over the byte limit.</summary>
        public static readonly ErrorCode TooLarge = new("image_too_large", ErrorKind.TooLarge);

        /// <summary>Declared dimensions over the pixel or side limit.</summary>
        public static readonly ErrorCode TooManyPixels = Invalid("image_too_many_pixels");

        /// <summary>Not PNG, JPEG, WebP or GIF by content, or a variant of them that is not supported.</summary>
        public static readonly ErrorCode UnsupportedFormat = Invalid("unsupported_image_format");

        /// <summary>Structurally broken, truncated, or not decodable.</summary>
        public static readonly ErrorCode Corrupt = Invalid("image_corrupt");

        /// <summary>More images in one design than the upload limit.</summary>
        public static readonly ErrorCode TooMany = Invalid("too_many_images");
    }

    /// <summary>Accounts, roles and platform keys.</summary>
    public static class Accounts
    {
        /// <summary>No such user (or the signed-in one no longer exists).</summary>
        public static readonly ErrorCode UserNotFound = NotFound("user_not_found");

        /// <summary>An admin asked for an account that does not exist.</summary>
        public static readonly ErrorCode AccountNotFound = NotFound("account_not_found");

        /// <summary>An admin asked for a platform key that does not exist.</summary>
        public static readonly ErrorCode PlatformKeyNotFound = NotFound("platform_key_not_found");

        /// <summary>An admin taking the admin role from themselves.</summary>
        public static readonly ErrorCode CannotRemoveOwnAdmin = Conflict("cannot_remove_own_admin");

        /// <summary>A wrong password (or a locked-out account) where an action asks for it again.</summary>
        public static readonly ErrorCode ReauthenticationFailed = Forbidden("reauthentication_failed");

        /// <summary>A platform key with no scopes, or an unknown one.</summary>
        public static readonly ErrorCode InvalidScopes = Invalid("invalid_scopes");

        /// <summary>A platform key that would expire in the past.</summary>
        public static readonly ErrorCode InvalidExpiry = Invalid("invalid_expiry");

        /// <summary>A platform key issued to no named organisation.</summary>
        public static readonly ErrorCode InvalidOrganisation = Invalid("invalid_organisation");
    }

    /// <summary>Self-custody wallets: linking one (Sign-In with Ethereum) and the EIP-712 signatures they give.</summary>
    public static class Wallets
    {
        /// <summary>Not an EIP-4361 message, or one VFIP does not accept (address casing, version).</summary>
        public static readonly ErrorCode SiweInvalidMessage = Invalid("siwe_invalid_message");

        /// <summary>A Sign-In with Ethereum message for another domain.</summary>
        public static readonly ErrorCode SiweWrongDomain = Invalid("siwe_wrong_domain");

        /// <summary>A Sign-In with Ethereum message whose URI is not on VFIP's own origin (scheme, host and port).</summary>
        public static readonly ErrorCode SiweWrongUri = Invalid("siwe_wrong_uri");

        /// <summary>A Sign-In with Ethereum message for another chain.</summary>
        public static readonly ErrorCode SiweWrongChain = Invalid("siwe_wrong_chain");

        /// <summary>A nonce not issued to the caller, used already, or expired.</summary>
        public static readonly ErrorCode SiweInvalidNonce = Invalid("siwe_invalid_nonce");

        /// <summary>A Sign-In with Ethereum message issued too long ago, or past its expiration time.</summary>
        public static readonly ErrorCode SiweExpired = Invalid("siwe_expired");

        /// <summary>A Sign-In with Ethereum message whose 'Not Before' is still ahead.</summary>
        public static readonly ErrorCode SiweNotYetValid = Invalid("siwe_not_yet_valid");

        /// <summary>A Sign-In with Ethereum signature that is not the message's address's.</summary>
        public static readonly ErrorCode SiweInvalidSignature = Invalid("siwe_invalid_signature");

        /// <summary>A wallet that is linked to another account.</summary>
        public static readonly ErrorCode LinkedElsewhere = Conflict("wallet_linked_elsewhere");

        /// <summary>A wallet that is not linked to the caller's account.</summary>
        public static readonly ErrorCode NotLinked = Invalid("wallet_not_linked");

        /// <summary>Something only the self-custody wallet holding a design can do (VFIP holds no key for it).</summary>
        public static readonly ErrorCode SignatureRequired = Conflict("wallet_signature_required");

        /// <summary>An EIP-712 signature (registration, acceptance, grant, revocation) that is not the expected wallet's.</summary>
        public static readonly ErrorCode InvalidSignature = Invalid("invalid_signature");

        /// <summary>An EIP-712 signature sent after its deadline.</summary>
        public static readonly ErrorCode SignatureExpired = Invalid("signature_expired");
    }

    /// <summary>Designs: registration, their state machine, transfers.</summary>
    public static class Designs
    {
        /// <summary>No such design, or one the caller may not see.</summary>
        public static readonly ErrorCode NotFound = ErrorCodes.NotFound("design_not_found");

        /// <summary>A design has no image at that index.</summary>
        public static readonly ErrorCode ImageNotFound = ErrorCodes.NotFound("image_not_found");

        /// <summary>A change to a design the caller can see but does not own.</summary>
        public static readonly ErrorCode NotOwner = Forbidden("not_design_owner");

        /// <summary>A registration without a metadata part.</summary>
        public static readonly ErrorCode MetadataRequired = Invalid("metadata_required");

        /// <summary>A metadata part that is too big, not JSON, not an object, or has an unknown field.</summary>
        public static readonly ErrorCode InvalidMetadata = Invalid("invalid_metadata");

        /// <summary>A design without a title.</summary>
        public static readonly ErrorCode InvalidTitle = Invalid("invalid_title");

        /// <summary>A design without images.</summary>
        public static readonly ErrorCode ImagesRequired = Invalid("images_required");

        /// <summary>The same image twice in one design.</summary>
        public static readonly ErrorCode DuplicateImage = Invalid("duplicate_image");

        /// <summary>The same content (or one of the images) registered by another owner; <c>existingDesignId</c> names it.</summary>
        public static readonly ErrorCode AlreadyRegistered = Conflict("design_already_registered");

        /// <summary>An image that looks like another owner's registered design; <c>matches</c> lists them.</summary>
        public static readonly ErrorCode SimilarRegistered = Conflict("similar_design_registered");

        /// <summary>A royalty outside 1 to 10 000 basis points.</summary>
        public static readonly ErrorCode InvalidRoyalty = Invalid("invalid_royalty");

        /// <summary>Royalty splits that are missing, too many, or incomplete.</summary>
        public static readonly ErrorCode InvalidRoyaltySplits = Invalid("invalid_royalty_splits");

        /// <summary>Royalty splits whose shares do not sum to 100 percent.</summary>
        public static readonly ErrorCode RoyaltySplitsMustSumTo100 = Invalid("royalty_splits_must_sum_to_100");

        /// <summary>A royalty at registration on a design a self-custody wallet will own (it sets one on chain itself).</summary>
        public static readonly ErrorCode RoyaltyRequiresCustodial = Invalid("royalty_requires_custodial");

        /// <summary>The owner's signature for a design that is not awaiting one.</summary>
        public static readonly ErrorCode NotAwaitingSignature = Conflict("design_not_awaiting_signature");

        /// <summary>Anchoring or rejecting a design that is not pending.</summary>
        public static readonly ErrorCode NotPending = Conflict("design_not_pending");

        /// <summary>Something only an anchored design allows (a transfer, a licence, a review flag).</summary>
        public static readonly ErrorCode NotAnchored = Conflict("design_not_anchored");

        /// <summary>A transfer without a recipient.</summary>
        public static readonly ErrorCode RecipientRequired = Invalid("recipient_required");

        /// <summary>A transfer to an address no VFIP user owns or linked.</summary>
        public static readonly ErrorCode UnknownRecipient = Invalid("unknown_recipient");

        /// <summary>A transfer to the address that owns the design already.</summary>
        public static readonly ErrorCode TransferToSelf = Invalid("transfer_to_self");

        /// <summary>A second transfer while one is being anchored.</summary>
        public static readonly ErrorCode TransferPending = Conflict("transfer_pending");

        /// <summary>Completing a transfer that was never asked for.</summary>
        public static readonly ErrorCode NoTransferPending = Conflict("no_transfer_pending");
    }

    /// <summary>Derivative designs: their parents, the licences they are made under, and the parents' owners' approval.</summary>
    public static class Derivatives
    {
        /// <summary>Parents that are too many, repeated or incomplete, or an approval asked of a design that is not a parent.</summary>
        public static readonly ErrorCode InvalidParents = Invalid("invalid_parents");

        /// <summary>A parent without an active licence of the registrant that allows derivatives; <c>designId</c> names it.</summary>
        public static readonly ErrorCode NotLicensed = Forbidden("derivative_not_licensed");

        /// <summary>Approving a derivative whose licence no longer allows it; <c>licenseId</c> names the licence.</summary>
        public static readonly ErrorCode NoLongerLicensed = Conflict("derivative_no_longer_licensed");

        /// <summary>Recording lineage for a design that has no parents.</summary>
        public static readonly ErrorCode NotADerivative = Conflict("not_a_derivative");

        /// <summary>The derivative asks no approval of that parent.</summary>
        public static readonly ErrorCode ApprovalNotFound = NotFound("approval_not_found");

        /// <summary>Deciding on a derivative without owning the parent now.</summary>
        public static readonly ErrorCode NotParentOwner = Forbidden("not_parent_owner");

        /// <summary>A decision without <c>approve</c>.</summary>
        public static readonly ErrorCode ApproveRequired = Invalid("approve_required");

        /// <summary>A refusal without a reason.</summary>
        public static readonly ErrorCode ReasonRequired = Invalid("reason_required");

        /// <summary>A reason over the length limit.</summary>
        public static readonly ErrorCode ReasonTooLong = Invalid("reason_too_long");

        /// <summary>Deciding an approval twice, or after another parent's owner refused.</summary>
        public static readonly ErrorCode ApprovalAlreadyDecided = Conflict("approval_already_decided");
    }

    /// <summary>Offers, licences and their life cycle.</summary>
    public static class Licensing
    {
        /// <summary>No such licence.</summary>
        public static readonly ErrorCode LicenseNotFound = NotFound("license_not_found");

        /// <summary>No such offer, or one on a design the caller may not see.</summary>
        public static readonly ErrorCode OfferNotFound = NotFound("offer_not_found");

        /// <summary>An owner accepting an offer on their own design.</summary>
        public static readonly ErrorCode OwnDesign = Invalid("own_design");

        /// <summary>A sublicence that names no licensee.</summary>
        public static readonly ErrorCode LicenseeRequired = Invalid("licensee_required");

        /// <summary>A sublicence wider than its parent; <c>excesses</c> lists where.</summary>
        public static readonly ErrorCode ExceedsParent = Invalid("exceeds_parent");

        /// <summary>Terms that overlap an exclusive licence in force; <c>conflictingLicenseId</c> names it.</summary>
        public static readonly ErrorCode ExclusiveConflict = Conflict("exclusive_conflict");

        /// <summary>An offer on a derivative with reciprocal terms that drops them; <c>licenseId</c> names the parent licence.</summary>
        public static readonly ErrorCode ReciprocalTermsRequired = Conflict("reciprocal_terms_required");

        /// <summary>A signed acceptance sent a second time.</summary>
        public static readonly ErrorCode AcceptanceAlreadyUsed = Conflict("acceptance_already_used");

        /// <summary>Revoking without being the licensor, or signing for a licence whose signer is someone else.</summary>
        public static readonly ErrorCode NotLicensor = Forbidden("not_licensor");

        /// <summary>Sublicensing without holding the licence.</summary>
        public static readonly ErrorCode NotLicensee = Forbidden("not_licensee");

        /// <summary>Anchoring, refusing or awaiting a signature for a licence that is not pending.</summary>
        public static readonly ErrorCode NotPending = Conflict("license_not_pending");

        /// <summary>Something only an active licence allows (revoking it, sublicensing under it).</summary>
        public static readonly ErrorCode NotActive = Conflict("license_not_active");

        /// <summary>Revoking a licence revoked (or being revoked) already.</summary>
        public static readonly ErrorCode AlreadyRevoked = Conflict("license_already_revoked");

        /// <summary>Recording the chain's revocation of a licence that is not being revoked.</summary>
        public static readonly ErrorCode NotRevoking = Conflict("license_not_revoking");

        /// <summary>A wallet signature (or a fresh request for one) for a licence that awaits none.</summary>
        public static readonly ErrorCode NotAwaitingSignature = Conflict("license_not_awaiting_signature");

        /// <summary>A revocation or withdrawal reason over the length limit.</summary>
        public static readonly ErrorCode InvalidReason = Invalid("invalid_reason");

        /// <summary>Terms whose hash is not the licence's anchored one; <c>termsHash</c> names it.</summary>
        public static readonly ErrorCode TermsHashMismatch = Conflict("terms_hash_mismatch");

        /// <summary>Sublicensing under, or deriving from, a licence granted on chain whose terms are not published yet.</summary>
        public static readonly ErrorCode TermsUnknown = Conflict("license_terms_unknown");
    }

    /// <summary>Licence terms: the document, its vocabulary and its consistency rules.</summary>
    public static class Terms
    {
        /// <summary>Neither terms nor a preset.</summary>
        public static readonly ErrorCode Required = Invalid("terms_required");

        /// <summary>A preset name that does not exist.</summary>
        public static readonly ErrorCode UnknownPreset = Invalid("unknown_preset");

        /// <summary>A channel (or use) name that does not exist.</summary>
        public static readonly ErrorCode UnknownChannel = Invalid("unknown_channel");

        /// <summary>An exclusivity name that does not exist.</summary>
        public static readonly ErrorCode UnknownExclusivity = Invalid("unknown_exclusivity");

        /// <summary>A terms version VFIP does not support.</summary>
        public static readonly ErrorCode UnsupportedVersion = Invalid("unsupported_terms_version");

        /// <summary>Terms that name no channel.</summary>
        public static readonly ErrorCode ChannelsRequired = Invalid("channels_required");

        /// <summary>Terms that name no territory.</summary>
        public static readonly ErrorCode TerritoriesRequired = Invalid("territories_required");

        /// <summary>A territory that is not an ISO 3166-1 alpha-2 code, or 'worldwide' combined with codes.</summary>
        public static readonly ErrorCode InvalidTerritory = Invalid("invalid_territory");

        /// <summary>A revenue share outside 0 to 10 000 basis points.</summary>
        public static readonly ErrorCode InvalidRevenueShare = Invalid("invalid_revenue_share");

        /// <summary>A revenue share on a non-commercial licence.</summary>
        public static readonly ErrorCode RevenueShareRequiresCommercial = Invalid("revenue_share_requires_commercial");

        /// <summary>An upfront fee without a positive amount or a currency.</summary>
        public static readonly ErrorCode InvalidFee = Invalid("invalid_fee");

        /// <summary>Conditions on derivatives when derivatives are not allowed.</summary>
        public static readonly ErrorCode DerivativeTermsWithoutDerivatives = Invalid("derivative_terms_without_derivatives");

        /// <summary>Too many platforms, or a blank or over-long one.</summary>
        public static readonly ErrorCode InvalidPlatform = Invalid("invalid_platform");

        /// <summary>A licence that would end before it starts.</summary>
        public static readonly ErrorCode InvalidValidity = Invalid("invalid_validity");
    }

    /// <summary>Rights verification parameters.</summary>
    public static class Verification
    {
        /// <summary>A check without a design.</summary>
        public static readonly ErrorCode DesignIdRequired = Invalid("design_id_required");

        /// <summary>A check without a holder.</summary>
        public static readonly ErrorCode HolderRequired = Invalid("holder_required");

        /// <summary>An <c>at</c> that is not an ISO-8601 time.</summary>
        public static readonly ErrorCode InvalidTime = Invalid("invalid_time");

        /// <summary>A <c>commercial</c> form field that is not true or false.</summary>
        public static readonly ErrorCode InvalidCommercial = Invalid("invalid_commercial");

        /// <summary>A batch with no checks.</summary>
        public static readonly ErrorCode ChecksRequired = Invalid("checks_required");

        /// <summary>A batch over the limit of checks.</summary>
        public static readonly ErrorCode TooManyChecks = Invalid("too_many_checks");
    }
}

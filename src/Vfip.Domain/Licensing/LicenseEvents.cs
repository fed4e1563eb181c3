using Vfip.Domain.Common;

namespace Vfip.Domain.Licensing;

/// <summary>A pending grant can be sent on chain: the service signs it, or the licensor's wallet has signed it.</summary>
public sealed record LicenseGrantQueued(string LicenseId) : IDomainEvent;

/// <summary>A revocation can be sent on chain: the service signs it, or the licensor's wallet has signed it.</summary>
public sealed record LicenseRevocationQueued(string LicenseId) : IDomainEvent;

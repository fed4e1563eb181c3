using Vfip.Domain.Common;

namespace Vfip.Domain.Designs;

/// <summary>The design became <see cref="DesignStatus.Pending"/>: its registration can be sent on chain.</summary>
public sealed record DesignReadyToAnchor(string DesignId) : IDomainEvent;

/// <summary>A derivative was anchored: its lineage links (one per parent) can be sent on chain now that it has a token.</summary>
public sealed record LineageReadyToAnchor(string DesignId) : IDomainEvent;

/// <summary>The owner asked to move the design's token to another address.</summary>
public sealed record DesignTransferRequested(string DesignId) : IDomainEvent;

using Vfip.Application.Common.Abstractions;
using Vfip.Domain.Accounts;

namespace Vfip.Application.Common.Security;

/// <summary>
/// Records security events. An event is added to the unit of work, so it commits (or not) with the change
/// it describes; events with no change of their own (a failed login) are saved at once by their recorder.
/// </summary>
public sealed class AuditLog(IVfipDbContext db, ICurrentCaller current, TimeProvider clock)
{
    public void Record(string type, string? subject, string? detail = null, string? actor = null) =>
        db.AuditEvents.Add(AuditEvent.Create(
            type, actor ?? current.Caller.AuditName, subject, current.Caller.IpAddress, detail, clock.GetUtcNow().UtcDateTime));
}

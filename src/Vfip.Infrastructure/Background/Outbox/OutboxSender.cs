using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Vfip.Application.Common.Abstractions;
using Vfip.Application.Common.Outbox;

namespace Vfip.Infrastructure.Background.Outbox;

/// <summary>
/// Sends outbox work to the chain, one message at a time (a single registrar key must not race itself
/// for nonces). Of several replicas only the holder of the <see cref="OutboxLeadership"/> lease sends, and
/// each message is claimed with a lease of its own taken by a guarded UPDATE, so no message is sent twice at
/// once; a crashed sender's leases simply run out and another replica takes over.
/// </summary>
internal sealed class OutboxSender(
    IServiceScopeFactory scopes,
    IChainReadiness chain,
    OutboxSignal signal,
    OutboxLeadership leadership,
    IOptions<OutboxOptions> options,
    TimeProvider clock,
    ILogger<OutboxSender> logger) : BackgroundService
{
    private readonly string _instance = leadership.Instance;
    private readonly OutboxOptions _options = options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_options.Enabled)
        {
            logger.LogInformation("Outbox sender disabled by configuration (Outbox:Enabled)");
            return;
        }

        try
        {
            await chain.WaitUntilReadyAsync(stoppingToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            logger.LogError(exception, "Outbox sender not started: the chain is unavailable");
            return;
        }

        logger.LogInformation("Outbox sender {Instance} running", _instance);
        var leading = false;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var sent = 0;
                try
                {
                    leading = await LeadAsync(leading, stoppingToken);
                    if (leading)
                    {
                        foreach (var id in await ClaimDueAsync(stoppingToken))
                        {
                            await DispatchWhileHoldingAsync(id, stoppingToken);
                            sent++;
                        }
                    }
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    // A database hiccup must not kill the sender; the next round tries again.
                    logger.LogError(exception, "Outbox round failed");
                }

                if (sent == 0)
                {
                    await signal.WaitAsync(_options.PollInterval, stoppingToken);
                }
            }
        }
        finally
        {
            if (leading)
            {
                await leadership.ReleaseQuietlyAsync(logger);
            }
        }
    }

    private async Task<bool> LeadAsync(bool wasLeading, CancellationToken cancellationToken)
    {
        var leading = await leadership.TryHoldAsync(cancellationToken);
        if (leading != wasLeading)
        {
            logger.LogInformation(leading
                ? "Outbox sender {Instance} now sends for this deployment"
                : "Outbox sender {Instance} stands by: another replica holds the sender lease", _instance);
        }

        return leading;
    }

    // A send on a real chain can outlast the lease (confirmations take minutes), so both leases are renewed
    // while it runs: the sender's, and the message's own claim.
    private async Task DispatchWhileHoldingAsync(long id, CancellationToken cancellationToken)
    {
        using var sending = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var renewal = RenewWhileSendingAsync(id, sending.Token);
        try
        {
            await DispatchAsync(id, cancellationToken);
        }
        finally
        {
            await sending.CancelAsync();
            await renewal;
        }
    }

    private async Task RenewWhileSendingAsync(long id, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(_options.Lease / 3, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                await leadership.TryHoldAsync(cancellationToken);
                await using var scope = scopes.CreateAsyncScope();
                var until = clock.GetUtcNow().UtcDateTime + _options.Lease;
                await scope.ServiceProvider.GetRequiredService<IVfipDbContext>().OutboxMessages
                    .Where(m => m.Id == id && m.LockedBy == _instance)
                    .ExecuteUpdateAsync(set => set.SetProperty(m => m.LockedUntil, until), cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
            // The send finished.
        }
        catch (Exception exception)
        {
            logger.LogWarning(exception, "Renewing the leases of outbox message {MessageId} failed", id);
        }
    }

    private async Task<IReadOnlyList<long>> ClaimDueAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IVfipDbContext>();
        var now = clock.GetUtcNow().UtcDateTime;
        var candidates = await db.OutboxMessages.AsNoTracking()
            .Where(m => m.NextAttemptAt <= now && (m.LockedUntil == null || m.LockedUntil < now))
            .OrderBy(m => m.Id)
            .Select(m => m.Id)
            .Take(_options.BatchSize)
            .ToListAsync(cancellationToken);

        var claimed = new List<long>(candidates.Count);
        var until = now + _options.Lease;
        foreach (var id in candidates)
        {
            // The same condition again, in the UPDATE itself: of several racing senders exactly one sees 1 row.
            var rows = await db.OutboxMessages
                .Where(m => m.Id == id && (m.LockedUntil == null || m.LockedUntil < now))
                .ExecuteUpdateAsync(set => set.SetProperty(m => m.LockedUntil, until).SetProperty(m => m.LockedBy, _instance), cancellationToken);
            if (rows == 1)
            {
                claimed.Add(id);
            }
        }

        return claimed;
    }

    private async Task DispatchAsync(long id, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IVfipDbContext>();
        var message = await db.OutboxMessages.AsNoTracking().FirstOrDefaultAsync(m => m.Id == id, cancellationToken);
        if (message is null)
        {
            return;
        }

        try
        {
            // ChainWork names the use case that performs each message type.
            await scope.ServiceProvider.GetRequiredService<IMediator>().Send(ChainWork.CommandFor(message), cancellationToken);
            await db.OutboxMessages.Where(m => m.Id == id && m.LockedBy == _instance).ExecuteDeleteAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var delay = Backoff(message.Attempts + 1);
            logger.LogWarning(exception, "Outbox message {MessageId} ({Type} {Subject}) failed on attempt {Attempt}; retrying in {Delay}",
                id, message.Type, message.Subject, message.Attempts + 1, delay);
            var next = clock.GetUtcNow().UtcDateTime + delay;
            var error = $"{exception.GetType().Name}: {exception.Message}";
            await db.OutboxMessages
                .Where(m => m.Id == id && m.LockedBy == _instance)
                .ExecuteUpdateAsync(
                    set => set
                        .SetProperty(m => m.Attempts, m => m.Attempts + 1)
                        .SetProperty(m => m.LastError, error.Length > 2000 ? error[..2000] : error)
                        .SetProperty(m => m.NextAttemptAt, next)
                        .SetProperty(m => m.LockedUntil, (DateTime?)null)
                        .SetProperty(m => m.LockedBy, (string?)null),
                    CancellationToken.None);
        }
    }

    private TimeSpan Backoff(int attempt)
    {
        var doubled = _options.InitialBackoff * Math.Pow(2, Math.Min(attempt - 1, 20));
        var capped = doubled < _options.MaxBackoff ? doubled : _options.MaxBackoff;
        // Jitter keeps replicas that failed together from retrying together.
        return capped * (0.8 + (Random.Shared.NextDouble() * 0.4));
    }
}

using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Playbound.Grains.Stores.Sqlite;

/// <summary>
/// Checkpoints <c>social.db</c> every <see cref="SqliteSocialStoreOptions.CheckpointInterval"/>, off the writer's
/// turn. Fan-out dirties one page per follower; left to the commits, each checkpoint copied tens of megabytes while
/// holding the only write turn, and every post waiting for that turn waited for the copy too.
/// </summary>
internal sealed partial class SqliteCheckpointService(
    SqliteSocialDatabase database, IOptions<SqliteSocialStoreOptions> options, TimeProvider time, ILogger<SqliteCheckpointService> logger)
    : BackgroundService
{
    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.CheckpointInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                try
                {
                    await database.CheckpointAsync(stoppingToken).ConfigureAwait(false);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    // The commits still checkpoint on their own; the next tick tries again.
                    CheckpointFailed(exception, database.FilePath);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(1100, LogLevel.Warning, "Checkpointing {File} failed")]
    private partial void CheckpointFailed(Exception exception, string file);
}

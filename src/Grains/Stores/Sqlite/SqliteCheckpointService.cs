using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Playbound.Grains.Stores.Sqlite;

/// <summary>
/// Checkpoints <c>social.db</c> and <c>feeds.db</c> every <see cref="SqliteSocialStoreOptions.CheckpointInterval"/>,
/// off their writers' turns. Fan-out dirties one page per follower; left to the commits, each checkpoint copied tens
/// of megabytes while holding the only write turn, and every write waiting for that turn waited for the copy too.
/// </summary>
internal sealed partial class SqliteCheckpointService(
    IEnumerable<SqliteDatabase> databases, IOptions<SqliteSocialStoreOptions> options, TimeProvider time, ILogger<SqliteCheckpointService> logger)
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
                foreach (var database in databases)
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
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(1100, LogLevel.Warning, "Checkpointing {File} failed")]
    private partial void CheckpointFailed(Exception exception, string file);
}

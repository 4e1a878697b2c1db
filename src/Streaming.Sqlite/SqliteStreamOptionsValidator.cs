using Orleans.Runtime;

namespace Playbound.Streaming.Sqlite;

/// <summary>Refuses to start a silo whose <see cref="SqliteStreamOptions"/> cannot work.</summary>
internal sealed class SqliteStreamOptionsValidator(SqliteStreamOptions options, string name) : IConfigurationValidator
{
    public void ValidateConfiguration()
    {
        if (string.IsNullOrWhiteSpace(options.DatabasePath))
        {
            throw Invalid($"{nameof(SqliteStreamOptions.DatabasePath)} is required");
        }

        if (options.MaxBatchSize < 1 || options.MaxMessagesPerRead < 1)
        {
            throw Invalid($"{nameof(SqliteStreamOptions.MaxBatchSize)} and {nameof(SqliteStreamOptions.MaxMessagesPerRead)} must be at least 1");
        }

        if (options.AppendWait < TimeSpan.Zero || options.AppendWait > TimeSpan.FromSeconds(10))
        {
            throw Invalid($"{nameof(SqliteStreamOptions.AppendWait)} must be between zero and 10 seconds");
        }
    }

    private OrleansConfigurationException Invalid(string reason) =>
        new($"Invalid configuration for SQLite stream provider '{name}': {reason}.");
}

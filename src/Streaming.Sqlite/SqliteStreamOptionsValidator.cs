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
    }

    private OrleansConfigurationException Invalid(string reason) =>
        new($"Invalid configuration for SQLite stream provider '{name}': {reason}.");
}

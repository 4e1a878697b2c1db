using Orleans.Runtime;

namespace Playbound.Persistence.Sqlite;

/// <summary>Refuses to start a silo whose <see cref="SqliteGrainStorageOptions"/> cannot work.</summary>
internal sealed class SqliteGrainStorageOptionsValidator(SqliteGrainStorageOptions options, string name) : IConfigurationValidator
{
    public void ValidateConfiguration()
    {
        if (string.IsNullOrWhiteSpace(options.DatabasePath))
        {
            throw Invalid($"{nameof(SqliteGrainStorageOptions.DatabasePath)} is required");
        }

        if (options.MaxBatchSize < 1)
        {
            throw Invalid($"{nameof(SqliteGrainStorageOptions.MaxBatchSize)} must be at least 1, not {options.MaxBatchSize}");
        }
    }

    private OrleansConfigurationException Invalid(string reason) =>
        new($"Invalid configuration for SQLite grain storage '{name}': {reason}.");
}

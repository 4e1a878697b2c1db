using Microsoft.Extensions.Options;

namespace Playbound.Runtime.Storage;

/// <summary>Rejects <see cref="PostgresGrainStorageOptions"/> that cannot reach a database.</summary>
public sealed class PostgresGrainStorageOptionsValidator : IValidateOptions<PostgresGrainStorageOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, PostgresGrainStorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            failures.Add($"{nameof(options.ConnectionString)} must be set for PostgreSQL grain storage '{name}'.");
        }

        if (options.MaxBatchSize <= 0)
        {
            failures.Add($"{nameof(options.MaxBatchSize)} must be positive (was {options.MaxBatchSize}).");
        }

        if (!PostgresDataSources.IsValidSchemaName(options.Schema))
        {
            failures.Add($"{nameof(options.Schema)} must be a plain identifier of at most 63 characters (was '{options.Schema}').");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

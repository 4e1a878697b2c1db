using Microsoft.Extensions.Options;

namespace Playbound.Runtime.Storage;

/// <summary>Rejects <see cref="SqliteGrainStorageOptions"/> that cannot open a database.</summary>
public sealed class SqliteGrainStorageOptionsValidator : IValidateOptions<SqliteGrainStorageOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, SqliteGrainStorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.ConnectionString is not null)
        {
            if (string.IsNullOrWhiteSpace(options.ConnectionString))
            {
                failures.Add($"{nameof(options.ConnectionString)} must not be empty; leave it null to use {nameof(options.DataDirectory)}.");
            }
        }
        else
        {
            if (string.IsNullOrWhiteSpace(options.DataDirectory))
            {
                failures.Add($"{nameof(options.DataDirectory)} must not be empty.");
            }

            if (string.IsNullOrWhiteSpace(options.FileName))
            {
                failures.Add($"{nameof(options.FileName)} must not be empty.");
            }
        }

        if (options.MaxBatchSize <= 0)
        {
            failures.Add($"{nameof(options.MaxBatchSize)} must be positive (was {options.MaxBatchSize}).");
        }

        if (options.BusyTimeout < TimeSpan.Zero)
        {
            failures.Add($"{nameof(options.BusyTimeout)} must not be negative.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

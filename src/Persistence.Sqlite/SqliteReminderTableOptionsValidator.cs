using Orleans.Runtime;

namespace Playbound.Persistence.Sqlite;

/// <summary>Refuses to start a silo whose <see cref="SqliteReminderTableOptions"/> cannot work.</summary>
internal sealed class SqliteReminderTableOptionsValidator(SqliteReminderTableOptions options) : IConfigurationValidator
{
    public void ValidateConfiguration()
    {
        if (string.IsNullOrWhiteSpace(options.DatabasePath))
        {
            throw Invalid($"{nameof(SqliteReminderTableOptions.DatabasePath)} is required");
        }
    }

    private static OrleansConfigurationException Invalid(string reason) =>
        new($"Invalid configuration for the SQLite reminder table: {reason}.");
}

using Microsoft.Extensions.Configuration;

namespace Playbound.Hosting;

/// <summary>Where grain state lives.</summary>
public enum StorageKind
{
    /// <summary>A SQLite file under the data directory: zero setup, one process.</summary>
    Sqlite,

    /// <summary>PostgreSQL: shared by every silo of a cluster.</summary>
    Postgres,
}

/// <summary>The storage settings read from configuration, checked at startup so a typo fails fast and clearly.</summary>
/// <param name="Kind">The storage kind.</param>
/// <param name="DataDirectory">The SQLite directory.</param>
/// <param name="PostgresConnectionString">The PostgreSQL connection string, for <see cref="StorageKind.Postgres"/>.</param>
public sealed record StorageSettings(StorageKind Kind, string DataDirectory, string? PostgresConnectionString)
{
    /// <summary>The default of <c>Playbound:DataDir</c>.</summary>
    public const string DefaultDataDirectory = "./data";

    /// <summary>The SQLite file under <see cref="DataDirectory"/> that holds embedded mode's grain state.</summary>
    public const string GrainStateFile = "grains.db";

    /// <summary>The SQLite file under <see cref="DataDirectory"/> that holds embedded mode's event queue.</summary>
    public const string EventQueueFile = "events.db";

    /// <summary>The embedded mode's reminder table (durable workflows such as account deletion), under the data directory.</summary>
    public const string ReminderFile = "reminders.db";

    /// <summary>Reads <c>Playbound:Storage</c>, <c>Playbound:DataDir</c> and <c>ConnectionStrings:Postgres</c>.</summary>
    /// <exception cref="InvalidOperationException">The storage kind is unknown, or Postgres has no connection string.</exception>
    public static StorageSettings From(IConfiguration configuration)
    {
        var kindText = configuration["Playbound:Storage"];
        var kind = StorageKind.Sqlite;
        if (!string.IsNullOrWhiteSpace(kindText) && !Enum.TryParse(kindText, ignoreCase: true, out kind))
        {
            throw new InvalidOperationException($"Playbound:Storage is '{kindText}'; use Sqlite or Postgres.");
        }

        var postgres = configuration.GetConnectionString("Postgres");
        if (kind == StorageKind.Postgres && string.IsNullOrWhiteSpace(postgres))
        {
            throw new InvalidOperationException("Playbound:Storage is Postgres but ConnectionStrings:Postgres is empty.");
        }

        var dataDirectory = configuration["Playbound:DataDir"];
        return new StorageSettings(kind, string.IsNullOrWhiteSpace(dataDirectory) ? DefaultDataDirectory : dataDirectory, postgres);
    }
}

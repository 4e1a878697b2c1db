using Playbound.Runtime.Tests.Storage;

namespace Playbound.Runtime.Tests.Infrastructure;

/// <summary>The real databases tests run against: a fresh SQLite directory each, and the PostgreSQL that scripts/test.sh provides.</summary>
public static class TestDatabases
{
    public static string PostgresConnectionString => PostgresTestDatabase.ConnectionString;

    /// <summary>A name for a database no other test uses.</summary>
    public static string NewName() => Guid.NewGuid().ToString("N");

    /// <summary>The SQLite directory of database <paramref name="name"/>.</summary>
    public static string SqliteDirectory(string name) => Path.Combine(Path.GetTempPath(), "playbound-tests", name);

    /// <summary>
    /// The PostgreSQL schema of database <paramref name="name"/>. Each test silo gets its own, because a silo's outbox
    /// relay delivers every event in its schema: silos sharing one would deliver each other's events.
    /// </summary>
    public static string PostgresSchema(string name) => $"t_{name}";
}

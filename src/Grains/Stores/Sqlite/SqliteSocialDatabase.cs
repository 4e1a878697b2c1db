using Playbound.Grains.Stores.Sql;
using Playbound.Grains.Stores.Resilience;

namespace Playbound.Grains.Stores.Sqlite;

/// <summary>The social tables but the home feeds' (<see cref="SqliteFeedDatabase"/>): <c>{DataDirectory}/{FileName}</c>.</summary>
public sealed class SqliteSocialDatabase : SqliteDatabase
{
    /// <summary>Creates the database over <c>{DataDirectory}/{FileName}</c>, reached through <paramref name="circuit"/>; file and schema are created on first use.</summary>
    public SqliteSocialDatabase(SqliteSocialStoreOptions options, DependencyCircuit circuit)
        : base(options, options?.FileName!, attach: null, circuit)
    {
    }

    /// <inheritdoc />
    private protected override Task CreateSchemaAsync(CancellationToken cancellationToken) =>
        InSchemaTransactionAsync(
            (connection, token) => ExecuteSchemaAsync(connection, SocialSchema.Create("INTEGER", "INTEGER", "INTEGER", "TEXT", " WITHOUT ROWID") + Search.Schema, token),
            cancellationToken);
}

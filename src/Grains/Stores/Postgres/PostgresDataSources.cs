using System.Data.Common;
using System.Text.RegularExpressions;
using Npgsql;

namespace Playbound.Grains.Stores.Postgres;

/// <summary>
/// How every Playbound component reaches PostgreSQL: a data source with auto-preparation on and a bounded pool
/// (unless the connection string says otherwise), and its schema created once, whoever starts first.
/// </summary>
public static partial class PostgresDataSources
{
    /// <summary>
    /// The <c>Max Auto Prepare</c> used when the connection string sets none: lets the server reuse the plans of the
    /// few statements a component sends over and over.
    /// </summary>
    public const int DefaultMaxAutoPrepare = 16;

    /// <summary>
    /// The <c>Max Pool Size</c> used when the connection string sets none. Npgsql's default (100) alone would use up a
    /// default server (max_connections 100) and fail under a burst; a component works through far fewer connections.
    /// </summary>
    public const int DefaultMaxPoolSize = 32;

    /// <summary>A builder for <paramref name="connectionString"/> with Playbound's defaults applied.</summary>
    public static NpgsqlDataSourceBuilder CreateBuilder(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
        if (!given.ContainsKey("Max Auto Prepare") && !given.ContainsKey("MaxAutoPrepare"))
        {
            builder.ConnectionStringBuilder.MaxAutoPrepare = DefaultMaxAutoPrepare;
        }

        if (!given.ContainsKey("Maximum Pool Size") && !given.ContainsKey("Max Pool Size") && !given.ContainsKey("MaxPoolSize"))
        {
            builder.ConnectionStringBuilder.MaxPoolSize = DefaultMaxPoolSize;
        }

        return builder;
    }

    /// <summary>Whether <paramref name="schema"/> is a plain identifier (at most 63 characters) that is safe to quote into SQL.</summary>
    public static bool IsValidSchemaName(string? schema) => schema is not null && SchemaPattern().IsMatch(schema);

    /// <summary>
    /// Creates <paramref name="schema"/> when missing and runs <paramref name="createTables"/> (idempotent DDL) with
    /// the schema as the transaction's <c>search_path</c>, all under the advisory lock <paramref name="lockKey"/>:
    /// <c>CREATE ... IF NOT EXISTS</c> races on the catalogs when several processes start at once.
    /// </summary>
    public static async Task CreateSchemaAsync(
        NpgsqlDataSource dataSource, string schema, long lockKey, string createTables, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        if (!IsValidSchemaName(schema))
        {
            throw new ArgumentException($"Invalid schema name '{schema}'.", nameof(schema));
        }

        var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                await using (var lockCommand = new NpgsqlCommand("SELECT pg_advisory_xact_lock($1)", connection, transaction))
                {
                    lockCommand.Parameters.Add(new NpgsqlParameter<long> { TypedValue = lockKey });
                    await lockCommand.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                // CREATE SCHEMA IF NOT EXISTS still needs the CREATE privilege on the database, so only ask for it
                // when the schema is really missing.
                await using (var exists = new NpgsqlCommand("SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = $1)", connection, transaction))
                {
                    exists.Parameters.Add(new NpgsqlParameter<string> { TypedValue = schema });
                    if (await exists.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is false)
                    {
                        await ExecuteAsync(connection, transaction, $"CREATE SCHEMA \"{schema}\"", cancellationToken).ConfigureAwait(false);
                    }
                }

                await ExecuteAsync(connection, transaction, $"SET LOCAL search_path TO \"{schema}\"", cancellationToken).ConfigureAwait(false);
                await ExecuteAsync(connection, transaction, createTables, cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static async Task ExecuteAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]{0,62}$")]
    private static partial Regex SchemaPattern();
}

using System.Data;
using System.Data.Common;
using Npgsql;
using Playbound.Grains.Stores.Sql;

namespace Playbound.Grains.Stores.Postgres;

/// <summary>
/// The social tables in one PostgreSQL schema, reached through a bounded, auto-preparing
/// <see cref="NpgsqlDataSource"/>. Every connection's <c>search_path</c> is the schema, so the stores' SQL names
/// tables without qualifying them.
/// </summary>
public sealed class PostgresSocialDatabase : SocialDatabase
{
    // Serializes schema creation across processes: CREATE ... IF NOT EXISTS races on the catalogs when several
    // silos start at once. The value is arbitrary but fixed ("PbSocial" in ASCII).
    private const long SchemaLockKey = 0x5062_536F_6369_616C;

    // Lets the server reuse the plans of the few statements the stores send over and over.
    private const int DefaultMaxAutoPrepare = 32;

    // Npgsql's default pool (100) alone would use up a default server (max_connections 100) next to the grain
    // storage's own pool; the stores do their work through far fewer connections.
    private const int DefaultMaxPoolSize = 32;

    private readonly NpgsqlDataSource _dataSource;
    private readonly string _schema;

    /// <summary>Creates the database; the schema and tables are created on first use.</summary>
    public PostgresSocialDatabase(PostgresSocialStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.ConnectionString);
        if (!PostgresSocialStoreOptions.IsValidSchema(options.Schema))
        {
            throw new ArgumentException($"Invalid schema name '{options.Schema}'.", nameof(options));
        }

        // Auto-preparation is on and the pool bounded unless the connection string says otherwise.
        var builder = new NpgsqlDataSourceBuilder(options.ConnectionString);
        var given = new DbConnectionStringBuilder { ConnectionString = options.ConnectionString };
        if (!given.ContainsKey("Max Auto Prepare") && !given.ContainsKey("MaxAutoPrepare"))
        {
            builder.ConnectionStringBuilder.MaxAutoPrepare = DefaultMaxAutoPrepare;
        }

        if (!given.ContainsKey("Maximum Pool Size") && !given.ContainsKey("Max Pool Size") && !given.ContainsKey("MaxPoolSize"))
        {
            builder.ConnectionStringBuilder.MaxPoolSize = DefaultMaxPoolSize;
        }

        // Quoted, so a mixed-case schema name means exactly that schema.
        builder.ConnectionStringBuilder.SearchPath = $"\"{options.Schema}\"";
        _dataSource = builder.Build();
        _schema = options.Schema;
    }

    /// <inheritdoc />
    internal override string ForUpdate => " FOR UPDATE";

    /// <inheritdoc />
    internal override DbType TimeType => DbType.DateTimeOffset;

    /// <inheritdoc />
    internal override string IdList(string parameterName) => $"unnest({parameterName}) AS ids(id)";

    /// <inheritdoc />
    internal override object IdListValue(IReadOnlyList<long> ids) => ids as long[] ?? [.. ids];

    /// <inheritdoc />
    internal override object TimeValue(DateTimeOffset value) => SocialValues.Time(SocialValues.Micros(value));

    /// <inheritdoc />
    internal override DateTimeOffset ReadTime(DbDataReader reader, int ordinal) => reader.GetFieldValue<DateTimeOffset>(ordinal);

    /// <inheritdoc />
    internal override bool IsUniqueViolation(DbException exception) =>
        exception is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };

    private protected override async ValueTask<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken) =>
        await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);

    private protected override async Task CreateSchemaAsync(CancellationToken cancellationToken)
    {
        var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                await RunAsync(connection, transaction, $"SELECT pg_advisory_xact_lock({SchemaLockKey})", cancellationToken).ConfigureAwait(false);

                // CREATE SCHEMA IF NOT EXISTS still needs the CREATE privilege on the database, so only ask for it
                // when the schema is really missing.
                await using (var exists = new NpgsqlCommand("SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = $1)", connection, transaction))
                {
                    exists.Parameters.Add(new NpgsqlParameter<string> { TypedValue = _schema });
                    if (await exists.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is false)
                    {
                        await RunAsync(connection, transaction, $"CREATE SCHEMA \"{_schema}\"", cancellationToken).ConfigureAwait(false);
                    }
                }

                // The connection's search_path named the schema before it existed; say it again now that it does.
                await RunAsync(connection, transaction, $"SET LOCAL search_path TO \"{_schema}\"", cancellationToken).ConfigureAwait(false);
                await RunAsync(connection, transaction, SocialSchema.Create("BIGINT", "TIMESTAMPTZ", "BOOLEAN", ""), cancellationToken)
                    .ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private protected override ValueTask DisposeCoreAsync() => _dataSource.DisposeAsync();

    private protected override void DisposeCore() => _dataSource.Dispose();

    private static async Task RunAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}

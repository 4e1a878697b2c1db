using System.Data;
using System.Data.Common;
using Npgsql;
using Playbound.Grains.Stores.Sql;
using Playbound.Grains.Stores.Resilience;

namespace Playbound.Grains.Stores.Postgres;

/// <summary>
/// The social tables in one PostgreSQL schema, reached through a bounded, auto-preparing
/// <see cref="NpgsqlDataSource"/>. Every connection's <c>search_path</c> is the schema, so the stores' SQL names
/// tables without qualifying them.
/// </summary>
public sealed class PostgresSocialDatabase : SocialDatabase
{
    // Serializes schema creation across processes. The value is arbitrary but fixed ("PbSocial" in ASCII).
    private const long SchemaLockKey = 0x5062_536F_6369_616C;

    private readonly NpgsqlDataSource _dataSource;
    private readonly string _schema;

    /// <summary>Creates the database, reached through <paramref name="circuit"/>; the schema and tables are created on first use.</summary>
    public PostgresSocialDatabase(PostgresSocialStoreOptions options, DependencyCircuit circuit)
        : base(circuit)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.ConnectionString);
        if (!PostgresDataSources.IsValidSchemaName(options.Schema))
        {
            throw new ArgumentException($"Invalid schema name '{options.Schema}'.", nameof(options));
        }

        var builder = PostgresDataSources.CreateBuilder(options.ConnectionString);

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
    internal override TextSearch Search => TextSearch.TsVector;

    /// <inheritdoc />
    internal override bool IsUniqueViolation(DbException exception) =>
        exception is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };

    private protected override async ValueTask<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken) =>
        await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);

    private protected override Task CreateSchemaAsync(CancellationToken cancellationToken) =>
        PostgresDataSources.CreateSchemaAsync(
            _dataSource,
            _schema,
            SchemaLockKey,
            SocialSchema.Create("BIGINT", "TIMESTAMPTZ", "BOOLEAN", "TEXT COLLATE \"C\"", "") + SocialSchema.Feeds("BIGINT", "") + Search.Schema
                + string.Concat(SocialSchema.AddedIdColumns.Select(static c => $"ALTER TABLE {c.Table} ADD COLUMN IF NOT EXISTS {c.Column} BIGINT;"))
                + SocialSchema.AfterColumns,
            cancellationToken);

    private protected override ValueTask DisposeCoreAsync() => _dataSource.DisposeAsync();

    private protected override void DisposeCore() => _dataSource.Dispose();
}

using Npgsql;
using Playbound.Runtime.Storage;

namespace Playbound.Runtime.Membership;

/// <summary>
/// The membership table in PostgreSQL: <c>membership_silo</c> (one row per silo generation, with a row version) and
/// <c>membership_version</c> (one table version per cluster). See <see cref="IMembershipTable"/> for the write rules.
/// </summary>
public sealed class PostgresMembershipTable : IMembershipTable
{
    // Serializes schema creation across processes; arbitrary but fixed ("PbMember" in ASCII).
    private const long SchemaLockKey = 0x5062_4D65_6D62_6572;

    private readonly NpgsqlDataSource _dataSource;
    private readonly string _schema;
    private readonly string _clusterId;
    private readonly PostgresMembershipSql _sql;

    /// <summary>Creates the table client for <paramref name="options"/>' cluster; call <see cref="InitializeAsync"/> first.</summary>
    public PostgresMembershipTable(MembershipOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var validation = new MembershipOptionsValidator().Validate(null, options);
        if (validation.Failed)
        {
            throw new ArgumentException(validation.FailureMessage, nameof(options));
        }

        _dataSource = PostgresDataSources.CreateBuilder(options.ConnectionString).Build();
        _schema = options.Schema;
        _clusterId = options.ClusterId;
        _sql = new PostgresMembershipSql(options.Schema);
    }

    /// <inheritdoc />
    public Task InitializeAsync(CancellationToken cancellationToken) =>
        PostgresDataSources.CreateSchemaAsync(_dataSource, _schema, SchemaLockKey, _sql.CreateTables, cancellationToken);

    /// <inheritdoc />
    public async Task<MembershipTableData> ReadAsync(CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand(_sql.Read);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = _clusterId });
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            var entries = new List<MembershipEntry>();
            DateTimeOffset readAt = default;
            long version = 0;
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                readAt = reader.GetFieldValue<DateTimeOffset>(0);
                version = reader.GetInt64(1);
                if (!reader.IsDBNull(2))
                {
                    entries.Add(new MembershipEntry(
                        new SiloAddress(reader.GetString(2), reader.GetInt32(3), reader.GetInt64(4)),
                        Enum.Parse<SiloStatus>(reader.GetString(5)),
                        reader.GetFieldValue<DateTimeOffset>(6),
                        reader.GetFieldValue<DateTimeOffset>(7),
                        reader.GetInt64(8)));
                }
            }

            return new MembershipTableData(version, entries, readAt);
        }
    }

    /// <inheritdoc />
    public async Task<bool> InsertAsync(SiloAddress silo, SiloStatus status, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(silo);

        // The cluster's version row is created once and never removed, so it needs no transaction with the insert.
        await using (var ensure = _dataSource.CreateCommand(_sql.EnsureVersionRow))
        {
            ensure.Parameters.Add(new NpgsqlParameter<string> { TypedValue = _clusterId });
            await ensure.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await using var command = _dataSource.CreateCommand(_sql.Insert);
        AddSiloKey(command.Parameters, silo);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = status.ToString() });
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long;
    }

    /// <inheritdoc />
    public async Task<bool> UpdateStatusAsync(MembershipEntry entry, SiloStatus status, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        await using var command = _dataSource.CreateCommand(_sql.UpdateStatus);
        AddSiloKey(command.Parameters, entry.Silo);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = status.ToString() });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = entry.RowVersion });
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long;
    }

    /// <inheritdoc />
    public async Task<long?> HeartbeatAsync(SiloAddress silo, long rowVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(silo);
        await using var command = _dataSource.CreateCommand(_sql.Heartbeat);
        AddSiloKey(command.Parameters, silo);
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = rowVersion });
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as long?;
    }

    /// <inheritdoc />
    public async Task<int> DeleteDefunctAsync(TimeSpan deadFor, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand(_sql.DeleteDefunct);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = _clusterId });
        command.Parameters.Add(new NpgsqlParameter<TimeSpan> { TypedValue = deadFor });
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    private void AddSiloKey(NpgsqlParameterCollection parameters, SiloAddress silo)
    {
        parameters.Add(new NpgsqlParameter<string> { TypedValue = _clusterId });
        parameters.Add(new NpgsqlParameter<string> { TypedValue = silo.Host });
        parameters.Add(new NpgsqlParameter<int> { TypedValue = silo.Port });
        parameters.Add(new NpgsqlParameter<long> { TypedValue = silo.Generation });
    }
}

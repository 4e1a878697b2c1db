using System.Globalization;
using Microsoft.Extensions.Logging;
using Orleans;
using Orleans.Runtime;
using Orleans.Storage;

namespace Playbound.Persistence.Sqlite;

/// <summary>
/// Orleans grain storage in one SQLite file: one row per grain and state name, its version as the ETag, every write
/// checked against the version the grain read. Writes go through a <see cref="SqliteGroupCommit{TChange, TResult}"/>;
/// reads run on pooled connections beside it, as WAL allows.
/// </summary>
public sealed partial class SqliteGrainStorage(string name, SqliteGrainStorageOptions options, ILogger<SqliteGrainStorage> logger)
    : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>, IAsyncDisposable
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS grain_state (
            grain_id   TEXT    NOT NULL,
            state_name TEXT    NOT NULL,
            version    INTEGER NOT NULL,
            payload    BLOB,
            PRIMARY KEY (grain_id, state_name)
        ) WITHOUT ROWID;
        """;

    private readonly SqliteGroupCommit<StateChange, long?> _writer = new(options.DatabasePath, options.MaxBatchSize, StateChange.ApplyAll, logger);

    /// <inheritdoc />
    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await using var connection = await SqliteConnections.OpenAsync(options.DatabasePath);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT version, payload FROM grain_state WHERE grain_id = $grain AND state_name = $state";
        command.Parameters.AddWithValue("$grain", grainId.ToString());
        command.Parameters.AddWithValue("$state", stateName);
        await using var reader = await command.ExecuteReaderAsync();
        if (!await reader.ReadAsync())
        {
            SetState(grainState, default, etag: null);
            return;
        }

        var etag = reader.GetInt64(0).ToString(CultureInfo.InvariantCulture);
        var state = reader.IsDBNull(1) ? default : options.GrainStorageSerializer.Deserialize<T>(new BinaryData((byte[])reader[1]));
        SetState(grainState, state, etag);
    }

    /// <inheritdoc />
    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var payload = options.GrainStorageSerializer.Serialize(grainState.State).ToArray();
        grainState.ETag = await CommitAsync(nameof(WriteStateAsync), stateName, grainId, grainState.ETag, payload);
        grainState.RecordExists = true;
    }

    /// <inheritdoc />
    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var etag = await CommitAsync(nameof(ClearStateAsync), stateName, grainId, grainState.ETag, payload: null);
        SetState(grainState, default, etag);
    }

    /// <inheritdoc />
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(OptionFormattingUtilities.Name<SqliteGrainStorage>(name), options.InitStage, InitializeAsync, StopAsync);

    /// <summary>Creates the table when missing and starts the writer; the silo lifecycle calls it.</summary>
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        SqliteConnections.EnsureDirectory(options.DatabasePath);
        await using (var connection = await SqliteConnections.OpenAsync(options.DatabasePath, cancellationToken))
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = Schema;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        _writer.Start();
        LogStarted(logger, name, options.DatabasePath);
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _writer.DisposeAsync();

    private Task StopAsync(CancellationToken cancellationToken) => _writer.DisposeAsync().AsTask();

    private async Task<string> CommitAsync(string operation, string stateName, GrainId grainId, string? etag, byte[]? payload)
    {
        long? expected = etag is null ? null : long.Parse(etag, CultureInfo.InvariantCulture);
        var version = await _writer.SubmitAsync(new StateChange(grainId.ToString(), stateName, expected, payload));
        if (version is null)
        {
            LogConflict(logger, operation, name, grainId, stateName, etag);
            throw new InconsistentStateException(
                $"{operation} of grain {grainId} state '{stateName}' in SQLite grain storage '{name}': ETag {etag ?? "(none)"} is stale.");
        }

        return version.Value.ToString(CultureInfo.InvariantCulture);
    }

    private static void SetState<T>(IGrainState<T> grainState, T? state, string? etag)
    {
        grainState.State = state ?? Activator.CreateInstance<T>();
        grainState.ETag = etag;
        grainState.RecordExists = state is not null;
    }

    [LoggerMessage(EventId = 1000, Level = LogLevel.Information, Message = "SQLite grain storage {Name} uses {Path}")]
    private static partial void LogStarted(ILogger logger, string name, string path);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Debug, Message = "{Operation} refused in SQLite grain storage {Name}: grain {GrainId} state {StateName} has moved past ETag {ETag}")]
    private static partial void LogConflict(ILogger logger, string operation, string name, GrainId grainId, string stateName, string? etag);
}

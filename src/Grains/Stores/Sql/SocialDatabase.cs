using System.Data;
using System.Data.Common;
using Playbound.Grains.Stores.Resilience;

namespace Playbound.Grains.Stores.Sql;

/// <summary>
/// One database holding the social tables (users, follows, posts, feeds, engagement, notifications). Hands out
/// connections, creates the schema on first use (once, thread-safe, retried after a failure) and abstracts the few
/// places where SQLite and PostgreSQL differ, so that every store's SQL is written once for both. Every read and
/// write goes through the <see cref="DependencyCircuits.Storage"/> circuit: one transaction is one attempt, and a
/// write is retried only when it failed before its commit (<see cref="StorageErrors.IsTransient"/>).
/// </summary>
public abstract class SocialDatabase : IAsyncDisposable, IDisposable
{
    private readonly Lock _schemaGate = new();
    private readonly DependencyCircuit _circuit;
    private Task? _schema;

    private protected SocialDatabase(DependencyCircuit circuit)
    {
        _circuit = circuit ?? throw new ArgumentNullException(nameof(circuit));
    }

    /// <summary>The clause that locks a selected row until the transaction ends, or empty where writers never overlap.</summary>
    internal abstract string ForUpdate { get; }

    /// <summary>
    /// A FROM item yielding one row (column <c>id</c>) per id of the array parameter <paramref name="parameterName"/>
    /// bound by <see cref="IdListValue"/>, so a whole batch of ids travels as one parameter.
    /// </summary>
    internal abstract string IdList(string parameterName);

    /// <summary>The parameter value that <see cref="IdList"/> reads.</summary>
    internal abstract object IdListValue(IReadOnlyList<long> ids);

    /// <summary>How a time travels as a parameter.</summary>
    internal abstract DbType TimeType { get; }

    /// <summary>The parameter value of a time, truncated to microseconds.</summary>
    internal abstract object TimeValue(DateTimeOffset value);

    /// <summary>Reads a time column.</summary>
    internal abstract DateTimeOffset ReadTime(DbDataReader reader, int ordinal);

    /// <summary>How this database indexes and matches the words of posts.</summary>
    internal abstract TextSearch Search { get; }

    /// <summary>Whether <paramref name="exception"/> reports a violated unique constraint.</summary>
    internal abstract bool IsUniqueViolation(DbException exception);

    /// <summary>Closes pooled connections.</summary>
    public async ValueTask DisposeAsync()
    {
        await DisposeCoreAsync().ConfigureAwait(false);
        GC.SuppressFinalize(this);
    }

    /// <summary>Closes pooled connections.</summary>
    public void Dispose()
    {
        DisposeCore();
        GC.SuppressFinalize(this);
    }

    /// <summary>Runs <paramref name="read"/> on an open connection, outside any explicit transaction.</summary>
    internal Task<T> ReadAsync<T>(Func<DbConnection, CancellationToken, Task<T>> read, CancellationToken cancellationToken) =>
        _circuit.ExecuteAsync(token => new ValueTask<T>(ReadOnceAsync(read, token)), cancellationToken).AsTask();

    /// <summary>Runs <paramref name="write"/> in one transaction and commits it; any exception rolls everything back.</summary>
    internal Task<T> WriteAsync<T>(
        Func<DbConnection, DbTransaction, CancellationToken, Task<T>> write,
        CancellationToken cancellationToken,
        WritePriority priority = WritePriority.Interactive) =>
        _circuit.ExecuteAsync(token => new ValueTask<T>(WriteOnceAsync(write, priority, token)), cancellationToken).AsTask();

    /// <summary>Runs one statement in a transaction of its own and returns the rows it affected.</summary>
    internal Task<int> ExecuteAsync(
        string sql, Action<Statement> bind, CancellationToken cancellationToken, WritePriority priority = WritePriority.Interactive) =>
        WriteAsync(
            (connection, transaction, token) =>
            {
                var statement = Statement(connection, transaction, sql);
                bind(statement);
                return statement.ExecuteAsync(token);
            },
            cancellationToken,
            priority);

    /// <summary>Runs <paramref name="statements"/>, each bound by <paramref name="bind"/>, in one transaction; returns the rows they affected.</summary>
    internal Task<int> ExecuteAllAsync(
        IReadOnlyList<string> statements, Action<Statement> bind, CancellationToken cancellationToken, WritePriority priority = WritePriority.Interactive) =>
        WriteAsync(
            async (connection, transaction, token) =>
            {
                var affected = 0;
                foreach (var sql in statements)
                {
                    var statement = Statement(connection, transaction, sql);
                    bind(statement);
                    affected += await statement.ExecuteAsync(token).ConfigureAwait(false);
                }

                return affected;
            },
            cancellationToken,
            priority);

    /// <summary>Runs one query on a connection of its own.</summary>
    internal Task<List<T>> QueryAsync<T>(string sql, Action<Statement> bind, Func<Row, T> map, CancellationToken cancellationToken) =>
        ReadAsync(
            (connection, token) =>
            {
                var statement = Statement(connection, null, sql);
                bind(statement);
                return statement.QueryAsync(map, token);
            },
            cancellationToken);

    /// <summary>Runs one query on a connection of its own and maps its first row, or returns <paramref name="none"/>.</summary>
    internal async Task<T> QueryFirstAsync<T>(
        string sql, Action<Statement> bind, Func<Row, T> map, T none, CancellationToken cancellationToken)
    {
        var rows = await QueryAsync(sql, bind, map, cancellationToken).ConfigureAwait(false);
        return rows.Count > 0 ? rows[0] : none;
    }

    /// <summary>Starts a single-use statement.</summary>
    internal Statement Statement(DbConnection connection, DbTransaction? transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        return new Statement(command, this);
    }

    /// <summary>Opens a connection ready for use.</summary>
    private protected abstract ValueTask<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken);

    /// <summary>Creates whatever part of the schema is missing; must tolerate other processes doing the same.</summary>
    private protected abstract Task CreateSchemaAsync(CancellationToken cancellationToken);

    /// <summary>Waits until this process may write; the result ends that turn when disposed.</summary>
    private protected virtual ValueTask<IDisposable?> EnterWriteAsync(WritePriority priority, CancellationToken cancellationToken) => default;

    /// <summary>Starts a write transaction.</summary>
    private protected virtual async ValueTask<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken) =>
        await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);

    /// <summary>Releases connections and pools.</summary>
    private protected abstract ValueTask DisposeCoreAsync();

    /// <summary>Releases connections and pools without waiting asynchronously.</summary>
    private protected abstract void DisposeCore();

    private async Task<T> ReadOnceAsync<T>(Func<DbConnection, CancellationToken, Task<T>> read, CancellationToken cancellationToken)
    {
        await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            return await read(connection, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<T> WriteOnceAsync<T>(
        Func<DbConnection, DbTransaction, CancellationToken, Task<T>> write, WritePriority priority, CancellationToken cancellationToken)
    {
        await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        using var writer = await EnterWriteAsync(priority, cancellationToken).ConfigureAwait(false);
        var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = await BeginWriteAsync(connection, cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                var result = await write(connection, transaction, cancellationToken).ConfigureAwait(false);
                await StorageTransactions.CommitAsync(transaction, cancellationToken).ConfigureAwait(false);
                return result;
            }
        }
    }

    /// <summary>Creates the schema once, on first use (retried after a failure).</summary>
    internal Task EnsureSchemaAsync(CancellationToken cancellationToken)
    {
        var schema = Volatile.Read(ref _schema);
        if (schema is { IsCompletedSuccessfully: true })
        {
            return Task.CompletedTask;
        }

        lock (_schemaGate)
        {
            // Shared by every caller, so one caller's cancellation must not fail it for the others; a failed attempt
            // (database down at startup) is retried by the next call.
            if (_schema is null || _schema.IsFaulted || _schema.IsCanceled)
            {
                _schema = Task.Run(() => CreateSchemaAsync(CancellationToken.None), CancellationToken.None);
            }

            schema = _schema;
        }

        return schema.WaitAsync(cancellationToken);
    }
}

using System.Data;
using System.Data.Common;
using Playbound.Runtime.Storage;

namespace Playbound.Runtime.Tests.Storage;

public sealed class StorageTransactionsTests
{
    [Fact]
    public async Task A_failed_commit_is_reported_as_an_unknown_outcome_that_is_never_transient()
    {
        var dropped = new IOException("connection reset while reading the commit's answer");

        var error = await Assert.ThrowsAsync<CommitOutcomeUnknownException>(
            () => StorageTransactions.CommitAsync(new FailingTransaction(dropped), CancellationToken.None));

        Assert.Same(dropped, error.InnerException);
        Assert.False(StorageErrors.IsTransient(error));
    }

    [Fact]
    public async Task A_commit_cancelled_by_the_caller_stays_a_cancellation()
    {
        using var caller = new CancellationTokenSource();
        await caller.CancelAsync();

        await Assert.ThrowsAsync<OperationCanceledException>(
            () => StorageTransactions.CommitAsync(new FailingTransaction(new OperationCanceledException(caller.Token)), caller.Token));
    }

    private sealed class FailingTransaction(Exception failure) : DbTransaction
    {
        public override IsolationLevel IsolationLevel => IsolationLevel.ReadCommitted;

        protected override DbConnection? DbConnection => null;

        public override void Commit() => throw failure;

        public override Task CommitAsync(CancellationToken cancellationToken = default) => Task.FromException(failure);

        public override void Rollback()
        {
        }
    }
}

using System.Data.Common;

namespace Playbound.Grains.Stores.Sql;

/// <summary>How every Playbound store commits, so that a failed commit is told apart from a failure before it.</summary>
public static class StorageTransactions
{
    /// <summary>
    /// Commits <paramref name="transaction"/>. A failure before this call rolls the transaction back (nothing was
    /// written; retrying is safe); a failure of the commit itself is reported as <see cref="CommitOutcomeUnknownException"/>,
    /// except the caller's cancellation.
    /// </summary>
    public static async Task CommitAsync(DbTransaction transaction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        try
        {
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            throw new CommitOutcomeUnknownException(exception);
        }
    }
}

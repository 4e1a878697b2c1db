using System.Data.Common;
using System.Text;

namespace Playbound.Grains.Stores.Sql;

/// <summary>A change to one user's counters.</summary>
internal readonly record struct CountDelta(long UserId, long Followers, long Following, long Posts);

/// <summary>The user_counts rows, changed only inside the transaction that changes the rows they count.</summary>
internal static class CounterRows
{
    /// <summary>Reads a user's followers, following and posts (zeros when the row is missing).</summary>
    public const string Select = "SELECT followers, following, posts FROM user_counts WHERE user_id = @user";

    private const string Upsert =
        " ON CONFLICT (user_id) DO UPDATE SET followers = user_counts.followers + excluded.followers," +
        " following = user_counts.following + excluded.following, posts = user_counts.posts + excluded.posts";

    /// <summary>Adds the deltas to the users' counters, creating missing rows.</summary>
    public static Task AdjustAsync(
        SocialDatabase database, DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken,
        params CountDelta[] deltas)
    {
        // Rows are locked in user-id order, so two transactions touching the same two users (A follows B while B
        // follows A) lock them in the same order and cannot deadlock.
        Array.Sort(deltas, (a, b) => a.UserId.CompareTo(b.UserId));
        var sql = new StringBuilder("INSERT INTO user_counts (user_id, followers, following, posts) VALUES ");
        for (var i = 0; i < deltas.Length; i++)
        {
            sql.Append(i == 0 ? "" : ", ").Append($"(@u{i}, @f{i}, @g{i}, @p{i})");
        }

        var statement = database.Statement(connection, transaction, sql.Append(Upsert).ToString());
        for (var i = 0; i < deltas.Length; i++)
        {
            statement.Int64($"@u{i}", deltas[i].UserId).Int64($"@f{i}", deltas[i].Followers)
                .Int64($"@g{i}", deltas[i].Following).Int64($"@p{i}", deltas[i].Posts);
        }

        return statement.ExecuteAsync(cancellationToken);
    }

    /// <summary>Maps a row of <see cref="Select"/>.</summary>
    public static Stores.UserCounts Read(Row row) => new(row.Int64(0), row.Int64(1), row.Int64(2));
}

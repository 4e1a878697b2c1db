using System.Data.Common;

namespace Playbound.Grains.Stores.Sql;

/// <summary>
/// <see cref="IUserDirectory"/> on the users and user_counts tables; user search's user_names rows (the handle, the
/// display name and each of its words, lower-cased) are rewritten with the user row, in its transaction.
/// </summary>
internal sealed class SqlUserDirectory(SocialDatabase database) : IUserDirectory
{
    // created_at is the registration time: an update keeps it.
    private const string Upsert =
        "INSERT INTO users (user_id, handle, display_name, bio, created_at) VALUES (@user, @handle, @name, @bio, @created)" +
        " ON CONFLICT (user_id) DO UPDATE SET handle = excluded.handle, display_name = excluded.display_name, bio = excluded.bio";

    private const string DeleteNames = "DELETE FROM user_names WHERE user_id = @user";

    private const string InsertName =
        "INSERT INTO user_names (name, user_id, is_handle) VALUES (@name, @user, @handle) ON CONFLICT (name, user_id, is_handle) DO NOTHING";

    private const string Select = "SELECT user_id, handle, display_name, bio, created_at FROM users WHERE user_id = @user";

    /// <inheritdoc />
    public async Task UpsertAsync(UserRecord user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var id = SocialValues.Id(user.UserId, "user.UserId");
        var handle = SocialValues.Text(user.Handle, "user.Handle");
        var name = SocialValues.Text(user.DisplayName, "user.DisplayName");
        var bio = SocialValues.Text(user.Bio, "user.Bio");
        try
        {
            await database.WriteAsync(
                async (connection, transaction, token) =>
                {
                    await database.Statement(connection, transaction, Upsert)
                        .Int64("@user", id).Text("@handle", handle).Text("@name", name).Text("@bio", bio).Time("@created", user.CreatedAt)
                        .ExecuteAsync(token).ConfigureAwait(false);
                    await database.Statement(connection, transaction, DeleteNames).Int64("@user", id).ExecuteAsync(token).ConfigureAwait(false);
                    foreach (var (searchName, isHandle) in SearchNames(handle, name))
                    {
                        await database.Statement(connection, transaction, InsertName)
                            .Text("@name", searchName).Int64("@user", id).Flag("@handle", isHandle).ExecuteAsync(token).ConfigureAwait(false);
                    }

                    return 0;
                },
                cancellationToken).ConfigureAwait(false);
        }
        catch (DbException ex) when (database.IsUniqueViolation(ex))
        {
            // The account grain owns handles, so this means a caller bypassed it; say so rather than leak a driver error.
            throw new InvalidOperationException($"The handle '{handle}' belongs to another user.", ex);
        }
    }

    /// <summary>What user search matches a prefix against: the handle, the whole display name, and each word of it.</summary>
    private static IEnumerable<(string Name, bool IsHandle)> SearchNames(string handle, string displayName)
    {
        yield return (handle.ToLowerInvariant(), true);
        var whole = displayName.Trim().ToLowerInvariant();
        if (whole.Length > 0)
        {
            yield return (whole, false);
        }

        foreach (var word in whole.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Skip(1).Distinct(StringComparer.Ordinal))
        {
            if (word != whole)
            {
                yield return (word, false);
            }
        }
    }

    /// <inheritdoc />
    public async Task<UserRecord?> GetAsync(string userId, CancellationToken cancellationToken)
    {
        var id = SocialValues.Id(userId, nameof(userId));
        return await database.QueryFirstAsync<UserRecord?>(
            Select,
            statement => statement.Int64("@user", id),
            row => new UserRecord(row.Id(0), row.Text(1), row.Text(2), row.Text(3), row.Time(4)),
            null,
            cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<UserCounts> GetCountsAsync(string userId, CancellationToken cancellationToken)
    {
        var id = SocialValues.Id(userId, nameof(userId));
        return await database.QueryFirstAsync(
            CounterRows.Select, statement => statement.Int64("@user", id), CounterRows.Read, new UserCounts(0, 0, 0), cancellationToken)
            .ConfigureAwait(false);
    }
}

namespace Playbound.Grains.Stores;

/// <summary>The users table: who exists, and the names that lists show.</summary>
public interface IUserDirectory
{
    /// <summary>Inserts or updates a user row.</summary>
    Task UpsertAsync(UserRecord user, CancellationToken cancellationToken);

    /// <summary>The user row, or null.</summary>
    Task<UserRecord?> GetAsync(string userId, CancellationToken cancellationToken);

    /// <summary>The user's counters (zeros for an unknown user).</summary>
    Task<UserCounts> GetCountsAsync(string userId, CancellationToken cancellationToken);
}

using Orleans.Concurrency;

namespace Playbound.Grains;

/// <summary>
/// The deletion of one account (key: user id), a durable workflow: its state records the steps done, a reminder
/// resumes it after any restart, and every step is idempotent, so a step cut short by a crash is simply run again.
/// </summary>
[Alias("playbound.IAccountDeletionGrain")]
public interface IAccountDeletionGrain : IGrainWithStringKey
{
    /// <summary>
    /// Starts deleting the account whose handle is <paramref name="handle"/> (the password was checked by the Api).
    /// When it returns, logging in and refreshing fail and the profile is gone; the rest runs in the background.
    /// Idempotent: a second call resumes the same deletion.
    /// </summary>
    [Alias("Start")]
    Task Start(string handle);

    /// <summary>How far the deletion got; <see cref="AccountDeletionStatus.Started"/> is false when it never began.</summary>
    [Alias("GetStatus"), ReadOnly, AlwaysInterleave]
    Task<AccountDeletionStatus> GetStatus();
}

/// <summary>How far an account deletion got.</summary>
/// <param name="Started">Whether it began.</param>
/// <param name="Completed">Whether every step is done.</param>
/// <param name="NextStep">The step to run next (its name), or null once completed.</param>
/// <param name="FailedAttempts">How many times in a row the next step failed.</param>
[GenerateSerializer, Alias("playbound.AccountDeletionStatus")]
public sealed record AccountDeletionStatus(
    [property: Id(0)] bool Started, [property: Id(1)] bool Completed, [property: Id(2)] string? NextStep, [property: Id(3)] int FailedAttempts);

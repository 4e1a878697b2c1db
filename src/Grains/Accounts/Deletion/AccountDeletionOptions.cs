using Microsoft.Extensions.Options;
using static Playbound.Grains.OptionRules;

namespace Playbound.Grains.Accounts.Deletion;

/// <summary>How account deletions run and retry. Bound to <c>Playbound:Accounts:Deletion</c>.</summary>
public sealed class AccountDeletionOptions
{
    /// <summary>The configuration section bound to these options.</summary>
    public const string SectionName = "Playbound:Accounts:Deletion";

    /// <summary>Default of <see cref="ReminderPeriod"/>: one minute, Orleans' usual shortest reminder period.</summary>
    public static readonly TimeSpan DefaultReminderPeriod = TimeSpan.FromMinutes(1);

    /// <summary>Default of <see cref="FirstRetryDelay"/>: one second.</summary>
    public static readonly TimeSpan DefaultFirstRetryDelay = TimeSpan.FromSeconds(1);

    /// <summary>Default of <see cref="MaxRetryDelay"/>: five minutes.</summary>
    public static readonly TimeSpan DefaultMaxRetryDelay = TimeSpan.FromMinutes(5);

    /// <summary>Default of <see cref="PageSize"/>.</summary>
    public const int DefaultPageSize = 100;

    /// <summary>
    /// How often the durable reminder wakes an unfinished deletion: after a crash, the longest it waits to resume once
    /// a silo runs again. The silo's shortest allowed reminder period is lowered to it when shorter.
    /// </summary>
    public TimeSpan ReminderPeriod { get; set; } = DefaultReminderPeriod;

    /// <summary>The wait before retrying a failed step; it doubles with each failure in a row.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = DefaultFirstRetryDelay;

    /// <summary>The longest wait between retries of a failing step.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = DefaultMaxRetryDelay;

    /// <summary>How many rows (posts, likes, follows, ...) a step reads and removes at a time.</summary>
    public int PageSize { get; set; } = DefaultPageSize;

    /// <summary>The wait before retry number <paramref name="failures"/> (1 for the first).</summary>
    public TimeSpan RetryDelay(int failures)
    {
        var doubled = FirstRetryDelay * Math.Pow(2, Math.Min(Math.Max(failures, 1) - 1, 30));
        return doubled < MaxRetryDelay ? doubled : MaxRetryDelay;
    }
}

/// <summary>Rejects deletion options that could never finish a deletion, at startup.</summary>
internal sealed class AccountDeletionOptionsValidator : IValidateOptions<AccountDeletionOptions>
{
    public ValidateOptionsResult Validate(string? name, AccountDeletionOptions options)
    {
        string[] errors =
        [
            .. Rule(options.ReminderPeriod >= TimeSpan.FromSeconds(1), "Playbound:Accounts:Deletion:ReminderPeriod must be at least one second."),
            .. Rule(options.FirstRetryDelay > TimeSpan.Zero, "Playbound:Accounts:Deletion:FirstRetryDelay must be positive."),
            .. Rule(options.MaxRetryDelay >= options.FirstRetryDelay, "Playbound:Accounts:Deletion:MaxRetryDelay must not be shorter than FirstRetryDelay."),
            .. Rule(options.PageSize is > 0 and <= 1000, "Playbound:Accounts:Deletion:PageSize must be 1-1000."),
        ];
        return Result(errors);
    }
}

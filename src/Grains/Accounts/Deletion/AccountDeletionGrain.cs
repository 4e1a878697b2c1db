using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Playbound.Grains.Diagnostics;
using Orleans.Runtime;

namespace Playbound.Grains.Accounts.Deletion;

/// <summary>The persisted progress behind <see cref="IAccountDeletionGrain"/>.</summary>
[GenerateSerializer, Alias("playbound.AccountDeletionState")]
public sealed record AccountDeletionState
{
    /// <summary>The account's handle, released by the last step.</summary>
    [Id(0)] public string Handle { get; init; } = "";

    /// <summary>The next step to run; every step before it is done.</summary>
    [Id(1)] public DeletionStep NextStep { get; init; }

    /// <summary>How many times in a row <see cref="NextStep"/> failed.</summary>
    [Id(2)] public int FailedAttempts { get; init; }

    /// <summary>When the deletion was asked for.</summary>
    [Id(3)] public DateTimeOffset RequestedAt { get; init; }
}

/// <summary>
/// Deletes an account (key: user id) step by step (<see cref="AccountEraser"/>), recording each step done. A reminder
/// wakes the grain until the last step is done, so a deletion cut short by a crash resumes once any silo runs; a step
/// that fails is retried after a doubling delay and logged and counted each time, never dropped.
/// </summary>
public sealed class AccountDeletionGrain(
    [PersistentState("deletion")] IPersistentState<AccountDeletionState> deletion,
    AccountEraser eraser,
    IOptions<AccountDeletionOptions> options,
    AccountMetrics metrics,
    TimeProvider time,
    ILogger<AccountDeletionGrain> logger) : Grain, IAccountDeletionGrain, IRemindable
{
    private const string ReminderName = "account-deletion";

    private readonly AccountDeletionOptions _options = options.Value;
    private IGrainTimer? _run;

    private string UserId => this.GetPrimaryKeyString();

    private bool Completed => deletion.State.NextStep == DeletionStep.Done;

    /// <inheritdoc />
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // Woken by the reminder or any call after a restart: carry on where the record says.
        if (deletion.RecordExists && !Completed)
        {
            ScheduleRun(TimeSpan.Zero);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task Start(string handle)
    {
        if (!deletion.RecordExists)
        {
            deletion.State = new AccountDeletionState { Handle = handle, NextStep = DeletionStep.SignOut, RequestedAt = time.GetUtcNow() };
            await deletion.WriteStateAsync();
            await this.RegisterOrUpdateReminder(ReminderName, _options.ReminderPeriod, _options.ReminderPeriod);
            logger.DeletionStarted(UserId);
        }

        // Signing out runs before the caller hears back, so from then on the account cannot be used.
        if (deletion.State.NextStep == DeletionStep.SignOut)
        {
            await eraser.RunAsync(DeletionStep.SignOut, UserId, deletion.State.Handle);
            await CompleteStepAsync();
        }

        if (!Completed)
        {
            ScheduleRun(TimeSpan.Zero);
        }
    }

    /// <inheritdoc />
    public Task<AccountDeletionStatus> GetStatus() => Task.FromResult(new AccountDeletionStatus(
        deletion.RecordExists, Completed, Completed ? null : deletion.State.NextStep.ToString(), deletion.State.FailedAttempts));

    /// <inheritdoc />
    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (!deletion.RecordExists || Completed)
        {
            await UnregisterReminderAsync();
        }
        else if (_run is null)
        {
            ScheduleRun(TimeSpan.Zero);
        }
    }

    /// <summary>Runs the remaining steps; a failure stops the run and schedules the next attempt.</summary>
    private async Task RunAsync()
    {
        _run?.Dispose();
        _run = null;
        while (!Completed)
        {
            var step = deletion.State.NextStep;
            try
            {
                await eraser.RunAsync(step, UserId, deletion.State.Handle);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                await FailStepAsync(step, ex);
                return;
            }

            await CompleteStepAsync();
        }

        await UnregisterReminderAsync();
        metrics.DeletionCompleted(deletion.State.RequestedAt);
        logger.DeletionCompleted(UserId, time.GetUtcNow() - deletion.State.RequestedAt);
    }

    private async Task CompleteStepAsync()
    {
        deletion.State = deletion.State with { NextStep = deletion.State.NextStep + 1, FailedAttempts = 0 };
        await deletion.WriteStateAsync();
    }

    private async Task FailStepAsync(DeletionStep step, Exception error)
    {
        var failures = deletion.State.FailedAttempts + 1;
        var delay = _options.RetryDelay(failures);
        logger.DeletionStepFailed(error, UserId, step, failures, delay);
        metrics.DeletionStepFailed(step);
        deletion.State = deletion.State with { FailedAttempts = failures };
        await deletion.WriteStateAsync();
        ScheduleRun(delay);
    }

    /// <summary>Runs the steps after <paramref name="delay"/> as a timer turn of this activation, never twice at once.</summary>
    private void ScheduleRun(TimeSpan delay)
    {
        _run?.Dispose();
        _run = this.RegisterGrainTimer(
            static (grain, _) => grain.RunAsync(),
            this,
            new GrainTimerCreationOptions { DueTime = delay, Period = Timeout.InfiniteTimeSpan, Interleave = false, KeepAlive = true });
    }

    private async Task UnregisterReminderAsync()
    {
        if (await this.GetReminder(ReminderName) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }
}

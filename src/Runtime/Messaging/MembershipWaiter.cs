using Playbound.Runtime.Membership;

namespace Playbound.Runtime.Messaging;

/// <summary>Lets a retrying call wait for a membership snapshot newer than the one that sent it astray.</summary>
internal sealed class MembershipWaiter : IDisposable
{
    private readonly IClusterMembership _membership;
    private readonly TimeProvider _timeProvider;
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public MembershipWaiter(IClusterMembership membership, TimeProvider timeProvider)
    {
        _membership = membership;
        _timeProvider = timeProvider;
        membership.Changed += OnChanged;
    }

    /// <summary>Waits until the snapshot's version exceeds <paramref name="version"/>; false if that did not happen in time.</summary>
    public async Task<bool> WaitForNewerAsync(long version, TimeSpan timeout)
    {
        var started = _timeProvider.GetTimestamp();
        while (true)
        {
            // Read the signal before the version: a change between the two completes the signal we hold.
            var next = Volatile.Read(ref _next);
            if (_membership.Current.Version > version)
            {
                return true;
            }

            var remaining = timeout - _timeProvider.GetElapsedTime(started);
            if (remaining <= TimeSpan.Zero)
            {
                return false;
            }

            try
            {
                await next.Task.WaitAsync(remaining, _timeProvider).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                return _membership.Current.Version > version;
            }
        }
    }

    public void Dispose() => _membership.Changed -= OnChanged;

    private void OnChanged(MembershipSnapshot snapshot) =>
        Interlocked.Exchange(ref _next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
}

using System.Reflection;
using Orleans.Runtime;
using Playbound.Grains;

namespace Playbound.Hosting.Tests;

public sealed class TransientCallRetryFilterTests
{
    private static readonly MethodInfo Write = typeof(IPostGrain).GetMethod(nameof(IPostGrain.Like))!;
    private static readonly MethodInfo Read = typeof(IPostGrain).GetMethod(nameof(IPostGrain.Get))!;

    [Fact]
    public void A_call_a_stopping_silo_refused_to_place_is_retried_even_when_it_writes() =>
        Assert.True(TransientCallRetryFilter.IsSafeToRetry(new SiloUnavailableException("Silo 'S127.0.0.1:1:1' is shutting down."), Write));

    [Fact]
    public void A_write_whose_silo_vanished_is_not_retried_as_it_may_have_been_applied() =>
        Assert.False(TransientCallRetryFilter.IsSafeToRetry(new SiloUnavailableException("The target silo became unavailable for message"), Write));

    [Fact]
    public void A_read_only_call_whose_silo_vanished_is_retried() =>
        Assert.True(TransientCallRetryFilter.IsSafeToRetry(new SiloUnavailableException("The target silo became unavailable for message"), Read));

    [Fact]
    public void A_rejected_call_is_retried_and_other_errors_are_not()
    {
        // Orleans raises rejections itself; their constructor is not public.
        var rejection = (Exception)Activator.CreateInstance(
            typeof(OrleansMessageRejectionException), BindingFlags.NonPublic | BindingFlags.Instance, null, ["Silo stopping"], null)!;
        Assert.True(TransientCallRetryFilter.IsSafeToRetry(rejection, Write));
        Assert.False(TransientCallRetryFilter.IsSafeToRetry(new TimeoutException(), Read));
        Assert.False(TransientCallRetryFilter.IsSafeToRetry(new InvalidOperationException(), Read));
    }

    [Fact]
    public void Every_grain_method_that_only_reads_is_read_only_so_a_vanished_silo_costs_a_retry_not_an_error()
    {
        // A read on a silo that a rolling restart takes away fails unless the filter may run it again.
        string[] readPrefixes = ["Get", "Find", "Is"];
        var unmarked = typeof(IPostGrain).Assembly.GetTypes()
            .Where(static t => t.IsInterface && typeof(IGrain).IsAssignableFrom(t))
            .SelectMany(static t => t.GetMethods())
            .Where(m => readPrefixes.Any(p => m.Name.StartsWith(p, StringComparison.Ordinal)) && !m.IsDefined(typeof(Orleans.Concurrency.ReadOnlyAttribute)))
            .Select(static m => $"{m.DeclaringType!.Name}.{m.Name}");
        Assert.Empty(unmarked);
    }
}

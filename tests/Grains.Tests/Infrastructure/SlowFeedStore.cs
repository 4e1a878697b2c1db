using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Playbound.Grains.Stores;

namespace Playbound.Grains.Tests.Infrastructure;

/// <summary>
/// Wraps the registered <see cref="IFeedStore"/> so one of its methods is delayed and prints a line once done: a
/// crash host slows the work a test kills it in the middle of, and reports progress on standard output.
/// </summary>
public class SlowFeedStore : DispatchProxy
{
    private IFeedStore _inner = null!;
    private string _method = "";
    private TimeSpan _delay;
    private string _line = "";

    /// <summary>Replaces the <see cref="IFeedStore"/> registration with a wrapper that slows <paramref name="method"/>.</summary>
    public static void Replace(IServiceCollection services, string method, TimeSpan delay, string line)
    {
        var real = services.Last(static d => d.ServiceType == typeof(IFeedStore));
        services.Remove(real);
        services.AddSingleton(provider =>
        {
            var proxy = Create<IFeedStore, SlowFeedStore>();
            var slow = (SlowFeedStore)(object)proxy;
            (slow._inner, slow._method, slow._delay, slow._line) = ((IFeedStore)real.ImplementationFactory!(provider), method, delay, line);
            return proxy;
        });
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        var call = () => (Task)targetMethod!.Invoke(_inner, args)!;
        return targetMethod!.Name == _method ? SlowlyAsync(call) : call();
    }

    private async Task SlowlyAsync(Func<Task> call)
    {
        await Task.Delay(_delay);
        await call();
        Console.WriteLine(_line);
    }
}

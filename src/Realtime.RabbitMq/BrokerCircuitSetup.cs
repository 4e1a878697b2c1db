using System.Net.Sockets;
using Microsoft.Extensions.Options;
using Playbound.Runtime.Resilience;
using RabbitMQ.Client.Exceptions;

namespace Playbound.Realtime.RabbitMq;

/// <summary>
/// Gives the <see cref="DependencyCircuits.Broker"/> circuit the broker side's rules: which errors are transient, and
/// no retries by default (<c>Playbound:Resilience:Broker:RetryAttempts</c> overrides it), because a push is best effort
/// and a retry would hold up every push queued behind it in the one publish loop.
/// </summary>
public sealed class BrokerCircuitSetup : IConfigureNamedOptions<DependencyCircuitOptions>
{
    /// <summary>Whether a broker call that failed with <paramref name="exception"/> may be tried again.</summary>
    public static bool IsTransient(Exception exception) =>
        exception is BrokerNotConnectedException or BrokerUnreachableException or AlreadyClosedException
            or OperationInterruptedException or SocketException or TimeoutException;

    /// <inheritdoc />
    public void Configure(string? name, DependencyCircuitOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.Equals(name, DependencyCircuits.Broker, StringComparison.OrdinalIgnoreCase))
        {
            options.IsTransient = IsTransient;
            options.RetryAttempts = 0;
        }
    }

    /// <inheritdoc />
    public void Configure(DependencyCircuitOptions options) => Configure(Options.DefaultName, options);
}

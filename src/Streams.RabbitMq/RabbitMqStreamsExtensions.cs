using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Playbound.Runtime.Hosting;

namespace Playbound.Streams.RabbitMq;

/// <summary>Registers cluster streams on RabbitMQ stream queues.</summary>
public static class RabbitMqStreamsExtensions
{
    /// <summary>
    /// Carries this silo's stream events through RabbitMQ stream queues instead of the in-process relay
    /// (<see cref="RabbitMqStreamOptions"/>, bound from <c>Playbound:Streams:RabbitMq</c> and validated at startup).
    /// Needs cluster membership (<c>UseClusterMembership</c>) and <paramref name="connectionString"/> to PostgreSQL for
    /// the checkpoints and the relay lock.
    /// </summary>
    public static SiloBuilder UseRabbitMqStreams(this SiloBuilder silo, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(silo);
        silo.Services.AddOptions<RabbitMqStreamOptions>()
            .BindConfiguration(RabbitMqStreamOptions.SectionName)
            .Configure(o => o.ConnectionString = connectionString)
            .ValidateOnStart();
        silo.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RabbitMqStreamOptions>, RabbitMqStreamOptionsValidator>());
        // Opening a broker session goes through the broker circuit; its error rules come from the realtime side's registration.
        silo.Services.AddDependencyCircuits();
        return silo.UseStreamRelay<RabbitMqStreamRelay>();
    }
}

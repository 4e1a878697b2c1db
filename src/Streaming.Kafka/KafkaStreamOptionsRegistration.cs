using Microsoft.Extensions.DependencyInjection;
using Orleans;
using Orleans.Configuration;

namespace Playbound.Streaming.Kafka;

/// <summary>What the silo and client registrations share: the named options and their validator.</summary>
internal static class KafkaStreamOptionsRegistration
{
    public static void AddKafkaStreamOptions(this IServiceCollection services, string name, Action<KafkaStreamOptions> configure)
    {
        services.AddOptions<KafkaStreamOptions>(name).Configure(configure);
        services.ConfigureNamedOptionForLogging<KafkaStreamOptions>(name);
        services.AddTransient<IConfigurationValidator>(sp => new KafkaStreamOptionsValidator(sp.GetOptionsByName<KafkaStreamOptions>(name), name));
    }
}

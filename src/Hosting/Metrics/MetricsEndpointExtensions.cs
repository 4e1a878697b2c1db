using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Playbound.Hosting.Metrics;

/// <summary>Registers the Prometheus exporter and maps its scrape endpoint.</summary>
public static class MetricsEndpointExtensions
{
    /// <summary>Adds <see cref="PrometheusMetrics"/>, bound to <c>Playbound:Metrics</c>.</summary>
    public static IHostApplicationBuilder AddPrometheusMetrics(this IHostApplicationBuilder builder)
    {
        builder.Services.AddMetrics();
        builder.Services.AddOptions<PrometheusMetricsOptions>().BindConfiguration(PrometheusMetricsOptions.SectionName);
        builder.Services.AddSingleton<PrometheusMetrics>();
        return builder;
    }

    /// <summary>Maps the scrape endpoint (no authentication: it exposes counts, never user data).</summary>
    public static IEndpointConventionBuilder MapPrometheusMetrics(this IEndpointRouteBuilder endpoints, string path = PrometheusMetricsOptions.DefaultPath)
    {
        // Resolve now: the listener must start with the host, not at the first scrape, or early counts are lost.
        var metrics = endpoints.ServiceProvider.GetRequiredService<PrometheusMetrics>();
        return endpoints.MapGet(path, () => TypedResults.Text(metrics.Render(), PrometheusText.ContentType))
            .ExcludeFromDescription();
    }
}

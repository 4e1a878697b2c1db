using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Playbound.Hosting.Errors;
using Orleans.Dashboard;
using Playbound.Hosting.Telemetry;

namespace Playbound.Hosting;

/// <summary>
/// Hosting defaults shared by the Api and the Silo: ProblemDetails for every error, health checks and their
/// endpoints, OpenTelemetry metrics (scraped on <c>/metrics</c>) and traces, and the Orleans Dashboard where a silo has it.
/// </summary>
public static class ServiceDefaultsExtensions
{
    /// <summary>The tag of health checks that must pass before the process takes traffic.</summary>
    public const string ReadyTag = "ready";

    /// <summary>
    /// Adds ProblemDetails (with the exception handler that produces them), health checks, and OpenTelemetry metrics and
    /// traces (<see cref="TelemetryExtensions.AddPlayboundTelemetry"/>).
    /// </summary>
    public static IHostApplicationBuilder AddServiceDefaults(this IHostApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<ProblemDetailsExceptionHandler>();
        builder.Services.AddHealthChecks();
        builder.AddPlayboundTelemetry();
        return builder;
    }

    /// <summary>
    /// Adds the error middleware, first in the pipeline: exceptions become ProblemDetails (500 without details; a
    /// binding failure keeps its 4xx), and an error status sent without a body (404, 405, ...) gets a ProblemDetails body.
    /// </summary>
    public static WebApplication UseServiceDefaults(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        return app;
    }

    /// <summary>
    /// Maps <c>/health/live</c> (the process answers), <c>/health/ready</c> (every check tagged
    /// <see cref="ReadyTag"/> passes; 503 otherwise), <c>/metrics</c> (OpenTelemetry's Prometheus exporter) and, when this
    /// process hosts a silo with <c>Playbound:Dashboard:Enabled</c>, the Orleans Dashboard under <c>Playbound:Dashboard:Path</c>.
    /// </summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = static _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = static check => check.Tags.Contains(ReadyTag) });
        app.MapPrometheusMetrics();
        if (app.Services.GetService<DashboardSettings>() is { Enabled: true } dashboard)
        {
            app.MapOrleansDashboard(dashboard.Path);
        }

        return app;
    }
}

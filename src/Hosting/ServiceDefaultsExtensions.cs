using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Playbound.Hosting.Errors;
using Playbound.Hosting.Metrics;

namespace Playbound.Hosting;

/// <summary>
/// Hosting defaults shared by the Api and the Silo: ProblemDetails for every error, health checks and their
/// endpoints, and Prometheus-format metrics.
/// </summary>
public static class ServiceDefaultsExtensions
{
    /// <summary>The tag of health checks that must pass before the process takes traffic.</summary>
    public const string ReadyTag = "ready";

    /// <summary>Adds ProblemDetails (with the exception handler that produces them), health checks and metrics.</summary>
    public static IHostApplicationBuilder AddServiceDefaults(this IHostApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<ProblemDetailsExceptionHandler>();
        builder.Services.AddHealthChecks();
        builder.AddPrometheusMetrics();
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
    /// <see cref="ReadyTag"/> passes; 503 otherwise) and <c>/metrics</c> (Prometheus text format).
    /// </summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = static _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = static check => check.Tags.Contains(ReadyTag) });
        app.MapPrometheusMetrics();
        return app;
    }
}

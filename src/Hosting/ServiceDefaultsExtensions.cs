using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Playbound.Hosting;

/// <summary>Hosting defaults shared by the Api and the Silo: ProblemDetails, health checks and their endpoints.</summary>
public static class ServiceDefaultsExtensions
{
    /// <summary>The tag of health checks that must pass before the process takes traffic.</summary>
    public const string ReadyTag = "ready";

    /// <summary>Adds ProblemDetails and health checks.</summary>
    public static IHostApplicationBuilder AddServiceDefaults(this IHostApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails();
        builder.Services.AddHealthChecks();
        return builder;
    }

    /// <summary>
    /// Maps <c>/health/live</c> (the process answers) and <c>/health/ready</c> (every check tagged
    /// <see cref="ReadyTag"/> passes; 503 otherwise).
    /// </summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = static _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = static check => check.Tags.Contains(ReadyTag) });
        return app;
    }
}

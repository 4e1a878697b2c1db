using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Playbound.Hosting.Telemetry;

/// <summary>OpenTelemetry metrics and traces for the Api and the Silo.</summary>
public static class TelemetryExtensions
{
    /// <summary>The Prometheus scrape path.</summary>
    public const string MetricsPath = "/metrics";

    /// <summary>The standard variable that switches OTLP export (metrics, traces and logs) on.</summary>
    public const string OtlpEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>Switches traces on without OTLP export (for an exporter added in code, as the tracing tests do).</summary>
    public const string TracesSetting = "Playbound:Telemetry:Traces";

    /// <summary>
    /// Adds OpenTelemetry: metrics from ASP.NET Core, HttpClient, the .NET runtime, Npgsql, Orleans
    /// (<c>Microsoft.Orleans</c>) and Playbound's meters, exported for Prometheus on <see cref="MetricsPath"/>; traces from
    /// ASP.NET Core (scrapes and health probes left out), HttpClient, Npgsql, Orleans' grain calls and Playbound's stream
    /// consumers. With <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> set, metrics, traces and logs are also exported over OTLP
    /// (the exporter reads the other <c>OTEL_*</c> variables itself). Traces are collected only then (or with
    /// <see cref="TracesSetting"/>): without an exporter every request and grain call would build spans that go nowhere
    /// (~2 % of a feed read's CPU in span code alone, and an Activity held by every open socket). The service name is
    /// the application's name unless <c>OTEL_SERVICE_NAME</c> says otherwise.
    /// </summary>
    public static IHostApplicationBuilder AddPlayboundTelemetry(this IHostApplicationBuilder builder)
    {
        var telemetry = builder.Services.AddOpenTelemetry();
        if (string.IsNullOrWhiteSpace(builder.Configuration["OTEL_SERVICE_NAME"]))
        {
            telemetry.ConfigureResource(resource => resource.AddService(builder.Environment.ApplicationName));
        }

        telemetry
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddNpgsqlInstrumentation()
                .AddMeter(PlayboundTelemetry.OrleansMeterName)
                .AddMeter([.. PlayboundTelemetry.PlayboundMeters])
                .AddPrometheusExporter());

        if (TracesEnabled(builder.Configuration))
        {
            telemetry.WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation(o => o.Filter = static context => !IsOperationsRequest(context.Request.Path))
                .AddHttpClientInstrumentation()
                .AddNpgsql()
                .AddSource([.. PlayboundTelemetry.OrleansActivitySources])
                .AddSource(PlayboundTelemetry.ActivitySourceName));
        }

        if (OtlpEnabled(builder.Configuration))
        {
            telemetry.UseOtlpExporter();
        }

        return builder;
    }

    /// <summary>
    /// Whether this process collects traces: with OTLP export, or <see cref="TracesSetting"/>. Orleans' activity
    /// propagation is added to silos and clients only then, as it carries traces nothing collects otherwise.
    /// </summary>
    public static bool TracesEnabled(IConfiguration configuration) => OtlpEnabled(configuration) || configuration.GetValue<bool>(TracesSetting);

    private static bool OtlpEnabled(IConfiguration configuration) => !string.IsNullOrWhiteSpace(configuration[OtlpEndpointVariable]);

    /// <summary>Maps the Prometheus scrape endpoint (no authentication: it exposes counts, never user data).</summary>
    public static IEndpointConventionBuilder MapPrometheusMetrics(this WebApplication app) =>
        app.MapPrometheusScrapingEndpoint(MetricsPath).ExcludeFromDescription();

    private static bool IsOperationsRequest(PathString path) =>
        path.StartsWithSegments(MetricsPath) || path.StartsWithSegments("/health");
}

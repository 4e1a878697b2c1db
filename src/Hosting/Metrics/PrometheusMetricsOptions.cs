namespace Playbound.Hosting.Metrics;

/// <summary>What <c>/metrics</c> exports (configuration section <c>Playbound:Metrics</c>).</summary>
public sealed class PrometheusMetricsOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Playbound:Metrics";

    /// <summary>The default path of the scrape endpoint.</summary>
    public const string DefaultPath = "/metrics";

    /// <summary>The default cap on label combinations per instrument.</summary>
    public const int DefaultMaxSeriesPerInstrument = 1000;

    /// <summary>The meters exported unless configured otherwise: the runtime's, and ASP.NET Core's HTTP and Kestrel meters.</summary>
    public static readonly IReadOnlyList<string> DefaultMeters =
        ["Microsoft.Orleans", "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel"];

    /// <summary>Names of the meters to export; empty means <see cref="DefaultMeters"/>.</summary>
    public List<string> Meters { get; set; } = [];

    /// <summary>
    /// The most label combinations kept per instrument; later combinations are dropped so a tag with unbounded
    /// values cannot grow memory without limit.
    /// </summary>
    public int MaxSeriesPerInstrument { get; set; } = DefaultMaxSeriesPerInstrument;
}

using System.Diagnostics;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;
using Playbound.Api.Tests.Infrastructure;
using Playbound.Hosting.Telemetry;

namespace Playbound.Api.Tests;

/// <summary>
/// Traces of the embedded Api, captured by OpenTelemetry's in-memory exporter added to the test host's tracer provider:
/// one post is one trace, from the Api's request span through the grain calls to the fan-out behind the stream. Traces
/// are on only with an OTLP endpoint or <see cref="TelemetryExtensions.TracesSetting"/>.
/// </summary>
public sealed class TracingTests
{
    [Fact]
    public async Task A_post_is_one_trace_from_the_api_request_through_the_grain_calls_to_the_fanout()
    {
        var spans = new List<Activity>();
        using var factory = TracedApi(spans, tracesOn: true);
        var author = await factory.NewClient().RegisterAsync();
        var reader = await factory.NewClient().RegisterAsync();
        await reader.FollowAsync(author);

        var postId = (await author.CreatePostAsync("traced")).GetProperty("postId").GetString()!;
        await Expect.EventuallyAsync(async () => Assert.Contains(postId, Expect.Ids(await reader.GetJsonAsync("/api/v1/feed"), "postId")));

        // The fan-out's consumer span (stream "posts", keyed by the author), in the trace of the Api's POST /api/v1/posts.
        Activity[] trace = [];
        Activity? consumer = null;
        await Expect.EventuallyAsync(() =>
        {
            var snapshot = Snapshot(spans);
            consumer = snapshot.LastOrDefault(s =>
                s.Kind == ActivityKind.Consumer && s.DisplayName == "process posts" && Tag(s, "messaging.message.conversation_id") == author.UserId);
            Assert.NotNull(consumer);
            trace = [.. snapshot.Where(s => s.TraceId == consumer.TraceId)];
            return Task.CompletedTask;
        });

        var request = Assert.Single(trace, s => s.Kind == ActivityKind.Server && s.Source.Name == "Microsoft.AspNetCore");
        Assert.Equal("POST", Tag(request, "http.request.method"));
        Assert.Equal("/api/v1/posts", Tag(request, "http.route")?.TrimEnd('/'));
        Assert.Equal(default, request.ParentSpanId);

        // The Api's grain call that created the post, on the silo side, below the request.
        var create = Assert.Single(trace, s => s.Kind == ActivityKind.Server && s.Source.Name == "Microsoft.Orleans.Application"
            && Tag(s, "rpc.method")?.EndsWith("IPostGrain/Create", StringComparison.Ordinal) == true);
        Assert.True(IsBelow(create, request, trace), "the grain call is a descendant of the request span");
        Assert.True(IsBelow(consumer!, request, trace), "the fan-out is a descendant of the request span");

        // The fan-out's own grain calls (reading the post, telling feeds) continue the same trace below the consumer span.
        Assert.Contains(trace, s => s.Source.Name == "Microsoft.Orleans.Application" && IsBelow(s, consumer!, trace)
            && Tag(s, "rpc.method")?.EndsWith("IPostGrain/Get", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task Without_an_exporter_configured_no_spans_are_built()
    {
        var spans = new List<Activity>();
        using var factory = TracedApi(spans, tracesOn: false);
        var author = await factory.NewClient().RegisterAsync();
        await author.CreatePostAsync("untraced");
        await author.GetJsonAsync("/api/v1/feed");

        Assert.Null(factory.Services.GetService<TracerProvider>());
        Assert.Empty(Snapshot(spans));
    }

    private static PlayboundApiFactory TracedApi(List<Activity> spans, bool tracesOn) => new(
        settings: new Dictionary<string, string?> { [TelemetryExtensions.TracesSetting] = tracesOn ? "true" : "false" },
        configure: web => web.ConfigureTestServices(
            services => services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(spans))));

    private static Activity[] Snapshot(List<Activity> spans)
    {
        lock (spans)
        {
            return [.. spans];
        }
    }

    private static string? Tag(Activity span, string name) => span.GetTagItem(name)?.ToString();

    private static bool IsBelow(Activity span, Activity ancestor, IReadOnlyCollection<Activity> trace)
    {
        var bySpanId = trace.GroupBy(s => s.SpanId).ToDictionary(g => g.Key, g => g.First());
        for (var current = span; current.ParentSpanId != default;)
        {
            if (current.ParentSpanId == ancestor.SpanId)
            {
                return true;
            }

            if (!bySpanId.TryGetValue(current.ParentSpanId, out var parent))
            {
                return false;
            }

            current = parent;
        }

        return false;
    }
}

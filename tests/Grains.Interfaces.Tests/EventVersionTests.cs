using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Playbound.Grains;

namespace Playbound.Grains.Interfaces.Tests;

/// <summary>
/// Events outlive the silo that wrote them (a queue holds them across an upgrade), so a field added to an event must
/// read as its default from a payload written before it existed. The payloads below were written by the previous
/// version with Orleans' serializer, as the stream providers store them.
/// </summary>
public sealed class EventVersionTests : IDisposable
{
    // PostPublished("7300000000000000123", "7300000000000000001", 2026-12-01T10:00:00Z) as a PostEvent, before Tags.
    private const string PostPublishedBeforeTags =
        "MAE9yI3JL3BsYXlib3VuZC5Qb3N0UHVibGlzaGVk6EAnNzMwMDAwMDAwMDAwMDAwMDEyM0EnNzMwMDAwMDAwMDAwMDAwMDAwMejoIIAAkJzckU/fCIEAAAAAAAAAAODg";

    private readonly ServiceProvider _services = new ServiceCollection()
        .AddSerializer(serializer => serializer.AddAssembly(typeof(IHealthGrain).Assembly))
        .BuildServiceProvider();

    public void Dispose() => _services.Dispose();

    [Fact]
    public void A_PostPublished_written_before_tags_reads_with_no_tags()
    {
        var serializer = _services.GetRequiredService<Serializer>();

        var read = serializer.Deserialize<PostEvent>(Convert.FromBase64String(PostPublishedBeforeTags));

        var published = Assert.IsType<PostPublished>(read);
        Assert.Equal(("7300000000000000123", "7300000000000000001"), (published.PostId, published.AuthorId));
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero), published.CreatedAt);
        Assert.Null(published.Tags);
    }

    [Fact]
    public void A_PostPublished_with_tags_round_trips_them()
    {
        var serializer = _services.GetRequiredService<Serializer>();
        PostEvent written = new PostPublished("1", "2", DateTimeOffset.UnixEpoch, ["rust", "日本語"]);

        var read = Assert.IsType<PostPublished>(serializer.Deserialize<PostEvent>(serializer.SerializeToArray(written)));

        Assert.Equal(["rust", "日本語"], read.Tags);
    }
}

using System.Text.Json;
using Playbound.Grains.Json;

namespace Playbound.Grains.Interfaces.Tests;

/// <summary>
/// The hand-written PostView JSON against the serializer's own, with the Api's options (web defaults and UTC times):
/// the same text for every shape of view, and read back to the same view.
/// </summary>
public sealed class PostViewJsonConverterTests
{
    private static readonly JsonSerializerOptions ApiOptions = new(JsonSerializerDefaults.Web) { Converters = { new UtcDateTimeOffsetConverter() } };
    private static readonly JsonSerializerOptions WithConverter = new(ApiOptions) { Converters = { new PostViewJsonConverter() } };
    private static readonly DateTimeOffset At = new DateTimeOffset(2026, 12, 7, 5, 6, 7, 891, TimeSpan.Zero).AddTicks(2345);

    public static TheoryData<PostView> Views => new()
    {
        new PostView("7300000000000001", "42", "ada", "hello #world", null, At, 0, 0, false, ["world"]),
        new PostView("7300000000000002", "42", "ada", "a reply with \"quotes\", <html> & ünïcødé 🎉\n", "7300000000000001", At.ToOffset(TimeSpan.FromHours(-7)),
            12, 3, true, [], Reposts: 5, RepostedByMe: true),
        new PostView("7300000000000003", "43", "bob", "reposted", null, At, 1, 0, false, ["a", "b_2"],
            RepostedBy: new UserSummary("44", "cy", "Cy \"the\" reposter"), RepostedAt: At.AddMinutes(5)),
        new PostView("7300000000000004", "43", "bob", "", null, DateTimeOffset.UnixEpoch, long.MaxValue, long.MaxValue, false, [], RepostedAt: At),
    };

    [Theory]
    [MemberData(nameof(Views))]
    public void Writes_what_the_serializer_writes_for_the_record(PostView view)
    {
        Assert.Equal(JsonSerializer.Serialize(view, ApiOptions), JsonSerializer.Serialize(view, WithConverter));
        Assert.Equal(JsonSerializer.Serialize<PostView[]>([view, view], ApiOptions), JsonSerializer.Serialize<PostView[]>([view, view], WithConverter));
    }

    [Theory]
    [MemberData(nameof(Views))]
    public void Reads_back_what_it_wrote(PostView view)
    {
        var read = JsonSerializer.Deserialize<PostView>(JsonSerializer.Serialize(view, WithConverter), WithConverter)!;

        // Times go over the wire in UTC to the millisecond.
        static DateTimeOffset Wire(DateTimeOffset t) => new(t.UtcTicks - t.UtcTicks % TimeSpan.TicksPerMillisecond, TimeSpan.Zero);
        Assert.Equal(view with { CreatedAt = Wire(view.CreatedAt), RepostedAt = view.RepostedAt is { } r ? Wire(r) : null }, read);
    }

    [Theory]
    [InlineData("""{"postId":"1"}""")]
    [InlineData("""{"postId":1,"authorId":"2","authorHandle":"a","text":"t","replyTo":null,"createdAt":"2026-12-07T05:06:07.891Z","likes":0,"comments":0,"likedByMe":false,"reposts":0,"repostedByMe":false,"tags":[]}""")]
    public void A_view_missing_a_field_or_of_the_wrong_type_is_a_json_error(string json)
    {
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<PostView>(json, WithConverter));
    }
}

using System.Text.Json;
using System.Text.Json.Serialization;

namespace Playbound.Grains.Json;

/// <summary>
/// The JSON of a <see cref="PostView"/> (api.md), written field by field: a feed page is twenty views, and the
/// serializer's general object path (a metadata lookup and a converter call per property) was ~15 % of an embedded
/// feed read's CPU. Names are api.md's camelCase whatever the options' naming policy; times are written as
/// <see cref="UtcDateTimeOffsetConverter"/> writes them; <c>repostedBy</c> and <c>repostedAt</c> are left out when null.
/// </summary>
public sealed class PostViewJsonConverter : JsonConverter<PostView>
{
    private static readonly JsonEncodedText PostId = JsonEncodedText.Encode("postId");
    private static readonly JsonEncodedText AuthorId = JsonEncodedText.Encode("authorId");
    private static readonly JsonEncodedText AuthorHandle = JsonEncodedText.Encode("authorHandle");
    private static readonly JsonEncodedText Text = JsonEncodedText.Encode("text");
    private static readonly JsonEncodedText ReplyTo = JsonEncodedText.Encode("replyTo");
    private static readonly JsonEncodedText CreatedAt = JsonEncodedText.Encode("createdAt");
    private static readonly JsonEncodedText Likes = JsonEncodedText.Encode("likes");
    private static readonly JsonEncodedText Comments = JsonEncodedText.Encode("comments");
    private static readonly JsonEncodedText LikedByMe = JsonEncodedText.Encode("likedByMe");
    private static readonly JsonEncodedText Reposts = JsonEncodedText.Encode("reposts");
    private static readonly JsonEncodedText RepostedByMe = JsonEncodedText.Encode("repostedByMe");
    private static readonly JsonEncodedText Tags = JsonEncodedText.Encode("tags");
    private static readonly JsonEncodedText RepostedBy = JsonEncodedText.Encode("repostedBy");
    private static readonly JsonEncodedText RepostedAt = JsonEncodedText.Encode("repostedAt");
    private static readonly JsonEncodedText UserId = JsonEncodedText.Encode("userId");
    private static readonly JsonEncodedText Handle = JsonEncodedText.Encode("handle");
    private static readonly JsonEncodedText DisplayName = JsonEncodedText.Encode("displayName");

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, PostView value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WriteString(PostId, value.PostId);
        writer.WriteString(AuthorId, value.AuthorId);
        writer.WriteString(AuthorHandle, value.AuthorHandle);
        writer.WriteString(Text, value.Text);
        writer.WriteString(ReplyTo, value.ReplyTo);
        writer.WritePropertyName(CreatedAt);
        UtcDateTimeOffsetConverter.WriteUtc(writer, value.CreatedAt);
        writer.WriteNumber(Likes, value.Likes);
        writer.WriteNumber(Comments, value.Comments);
        writer.WriteBoolean(LikedByMe, value.LikedByMe);
        writer.WriteNumber(Reposts, value.Reposts);
        writer.WriteBoolean(RepostedByMe, value.RepostedByMe);
        writer.WriteStartArray(Tags);
        foreach (var tag in value.Tags)
        {
            writer.WriteStringValue(tag);
        }

        writer.WriteEndArray();
        if (value.RepostedBy is { } reposter)
        {
            writer.WriteStartObject(RepostedBy);
            writer.WriteString(UserId, reposter.UserId);
            writer.WriteString(Handle, reposter.Handle);
            writer.WriteString(DisplayName, reposter.DisplayName);
            writer.WriteEndObject();
        }

        if (value.RepostedAt is { } repostedAt)
        {
            writer.WritePropertyName(RepostedAt);
            UtcDateTimeOffsetConverter.WriteUtc(writer, repostedAt);
        }

        writer.WriteEndObject();
    }

    /// <inheritdoc />
    public override PostView Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        try
        {
            return Read(document.RootElement);
        }
        catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new JsonException($"Not a post view: {e.Message}", e);
        }
    }

    private static PostView Read(JsonElement post)
    {
        var reposter = post.TryGetProperty(RepostedBy.Value, out var r) && r.ValueKind == JsonValueKind.Object
            ? new UserSummary(r.GetProperty(UserId.Value).GetString()!, r.GetProperty(Handle.Value).GetString()!, r.GetProperty(DisplayName.Value).GetString()!)
            : null;
        return new PostView(
            post.GetProperty(PostId.Value).GetString()!,
            post.GetProperty(AuthorId.Value).GetString()!,
            post.GetProperty(AuthorHandle.Value).GetString()!,
            post.GetProperty(Text.Value).GetString()!,
            post.GetProperty(ReplyTo.Value).GetString(),
            post.GetProperty(CreatedAt.Value).GetDateTimeOffset(),
            post.GetProperty(Likes.Value).GetInt64(),
            post.GetProperty(Comments.Value).GetInt64(),
            post.GetProperty(LikedByMe.Value).GetBoolean(),
            [.. post.GetProperty(Tags.Value).EnumerateArray().Select(static t => t.GetString()!)],
            post.GetProperty(Reposts.Value).GetInt64(),
            post.GetProperty(RepostedByMe.Value).GetBoolean(),
            reposter,
            post.TryGetProperty(RepostedAt.Value, out var at) && at.ValueKind == JsonValueKind.String ? at.GetDateTimeOffset() : null);
    }
}

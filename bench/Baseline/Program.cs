using Microsoft.Data.Sqlite;

// The feed "the way most teams would build it": one SQL timeline query per request (posts JOIN follows ORDER BY
// time LIMIT 20) on Playbound's own social.db. Deliberately generous to the baseline: no token validation, the user
// id comes in an X-User-Id header. Usage: dotnet run -c Release --project bench/Baseline -- --data DIR --urls URL
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
var database = Path.Combine(builder.Configuration["data"] ?? "data", "social.db");
var connectionString = new SqliteConnectionStringBuilder { DataSource = database, Mode = SqliteOpenMode.ReadOnly, Pooling = true }.ToString();

var app = builder.Build();
app.MapGet("/api/v1/feed", async (HttpContext http) =>
{
    if (!long.TryParse(http.Request.Headers["X-User-Id"], out var me))
    {
        return Results.Problem(statusCode: 401, title: "X-User-Id header required");
    }

    await using var connection = new SqliteConnection(connectionString);
    await connection.OpenAsync();
    await using var command = connection.CreateCommand();
    command.CommandText = TimelineQuery.Sql;
    command.Parameters.AddWithValue("$me", me);
    await using var reader = await command.ExecuteReaderAsync();
    var items = new List<FeedPost>(20);
    while (await reader.ReadAsync())
    {
        items.Add(new FeedPost(
            reader.GetInt64(0).ToString(), reader.GetInt64(1).ToString(), reader.GetString(2), reader.GetString(3),
            reader.IsDBNull(4) ? null : reader.GetInt64(4).ToString(), DateTimeOffset.UnixEpoch.AddTicks(reader.GetInt64(5) * 10),
            reader.GetInt64(6), reader.GetInt64(7), reader.GetInt64(8) != 0));
    }

    return Results.Ok(new { items, nextCursor = items.Count == 20 ? items[^1].PostId : null });
});
app.Run();

/// <summary>The timeline query and its row.</summary>
internal static class TimelineQuery
{
    public const string Sql = """
        SELECT p.post_id, p.author_id, p.author_handle, p.text, p.reply_to, p.created_at,
               (SELECT COUNT(*) FROM post_likes l WHERE l.post_id = p.post_id),
               (SELECT COUNT(*) FROM comments c WHERE c.post_id = p.post_id),
               EXISTS (SELECT 1 FROM post_likes l WHERE l.post_id = p.post_id AND l.user_id = $me)
        FROM posts p
        JOIN follows f ON f.followee_id = p.author_id
        WHERE f.follower_id = $me AND f.following
        ORDER BY p.post_id DESC
        LIMIT 20
        """;
}

internal sealed record FeedPost(
    string PostId, string AuthorId, string AuthorHandle, string Text, string? ReplyTo, DateTimeOffset CreatedAt, long Likes, long Comments, bool LikedByMe);

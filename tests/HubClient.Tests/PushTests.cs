using Playbound.HubClient.Tests.Infrastructure;

namespace Playbound.HubClient.Tests;

public sealed class PushTests(TestHubServer server) : IClassFixture<TestHubServer>
{
    [Fact]
    public async Task A_server_push_reaches_On_handlers_with_a_receive_timestamp_and_subscriptions()
    {
        await using var client = await server.ConnectAsync();
        var handled = new TaskCompletionSource<(Note Note, long Timestamp)>();
        using var handler = client.On<Note>("note", (note, timestamp) => handled.TrySetResult((note, timestamp)));
        using var notes = client.Subscribe<Note>("note");
        var before = System.Diagnostics.Stopwatch.GetTimestamp();

        await client.InvokeAsync("Push", "note", new Note("hello", 7));

        Assert.Equal(new Note("hello", 7), await notes.ReadAsync());
        var (pushed, receivedAt) = await handled.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(new Note("hello", 7), pushed);
        Assert.InRange(receivedAt, before, System.Diagnostics.Stopwatch.GetTimestamp());
    }

    [Fact]
    public async Task Messages_sent_back_to_back_all_arrive_in_order()
    {
        await using var client = await server.ConnectAsync();
        using var burst = client.Subscribe<Note>("burst");

        await client.InvokeAsync("Burst", 500);

        for (var i = 0; i < 500; i++)
            Assert.Equal(i, (await burst.ReadAsync()).Number);
    }

    [Fact]
    public async Task A_message_larger_than_the_receive_buffer_arrives_whole()
    {
        await using var client = await server.ConnectAsync();
        using var notes = client.Subscribe<Note>("long");

        await client.InvokeAsync("PushLong", 100_000);

        Assert.Equal(new string('x', 100_000), (await notes.ReadAsync()).Text);
    }

    [Fact]
    public async Task Messages_cut_anywhere_across_frames_are_each_delivered_once()
    {
        var client = new HubClient();
        using var notes = client.Subscribe<Note>("note");
        await using (client)
        {
            await client.ConnectAsync(server.Url(ScriptedSockets.Path("split")));

            Assert.Equal(new Note("first", 1), await notes.ReadAsync());
            Assert.Equal(new Note("second", 2), await notes.ReadAsync());
            await notes.ExpectNothingAsync(TimeSpan.FromMilliseconds(100));
        }
    }

    [Fact]
    public async Task Expecting_nothing_fails_with_the_payload_when_something_arrives()
    {
        await using var client = await server.ConnectAsync();
        using var notes = client.Subscribe<Note>("note");
        using var other = client.Subscribe<Note>("other");

        await client.InvokeAsync("Push", "note", new Note("unexpected", 1));

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => notes.ExpectNothingAsync(TimeSpan.FromSeconds(5)));
        Assert.Contains("unexpected", failure.Message);
        await other.ExpectNothingAsync(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public async Task Reading_a_subscription_that_gets_nothing_times_out_with_the_method_named()
    {
        await using var client = await server.ConnectAsync();
        using var notes = client.Subscribe<Note>("never");

        var timeout = await Assert.ThrowsAsync<TimeoutException>(() => notes.ReadAsync(TimeSpan.FromMilliseconds(100)));

        Assert.Contains("'never'", timeout.Message);
    }
}

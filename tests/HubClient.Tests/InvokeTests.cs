using Playbound.HubClient.Tests.Infrastructure;

namespace Playbound.HubClient.Tests;

public sealed class InvokeTests(TestHubServer server) : IClassFixture<TestHubServer>
{
    [Fact]
    public async Task An_invocation_returns_the_deserialized_result()
    {
        await using var client = await server.ConnectAsync();

        Assert.Equal(new Note("echo", 3), await client.InvokeAsync<Note>("Echo", new Note("echo", 3)));
    }

    [Fact]
    public async Task Concurrent_invocations_each_get_their_own_result()
    {
        await using var client = await server.ConnectAsync();

        var sums = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => client.InvokeAsync<int>("Add", i, 1)));

        Assert.Equal(Enumerable.Range(1, 200), sums);
    }

    [Fact]
    public async Task A_HubException_surfaces_with_the_servers_message()
    {
        await using var client = await server.ConnectAsync();

        var failure = await Assert.ThrowsAsync<HubInvocationException>(() => client.InvokeAsync("Fail", "post not found"));

        Assert.Contains("post not found", failure.ServerError);
    }

    [Fact]
    public async Task An_unknown_method_fails_that_call_only_and_the_connection_stays_usable()
    {
        await using var client = await server.ConnectAsync();

        await Assert.ThrowsAsync<HubInvocationException>(() => client.InvokeAsync("NoSuchMethod"));

        Assert.Equal(3, await client.InvokeAsync<int>("Add", 1, 2));
    }

    [Fact]
    public async Task A_call_without_a_completion_times_out_after_the_configured_timeout()
    {
        await using var client = await server.ConnectAsync(options: new HubClientOptions { Timeout = TimeSpan.FromMilliseconds(300) });

        var timeout = await Assert.ThrowsAsync<TimeoutException>(() => client.InvokeAsync("Hang"));

        Assert.Contains("'Hang'", timeout.Message);
    }

    [Fact]
    public async Task A_cancellation_token_passed_among_the_arguments_is_refused()
    {
        await using var client = await server.ConnectAsync();

        await Assert.ThrowsAsync<ArgumentException>(() => client.InvokeAsync("Add", 1, CancellationToken.None));
    }
}

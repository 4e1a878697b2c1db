using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Orleans.Runtime;
using Playbound.Api.Auth;

namespace Playbound.Api.Tests;

/// <summary>The caller's id travels to the grains in Orleans' <see cref="RequestContext"/> for the handler's duration only.</summary>
public sealed class CallerContextFilterTests
{
    [Fact]
    public async Task The_callers_id_is_in_the_request_context_while_the_handler_runs_and_gone_after()
    {
        var http = new DefaultHttpContext
        {
            User = new ClaimsPrincipal(new ClaimsIdentity([new Claim("sub", "4711")], authenticationType: "Bearer")),
        };
        object? seen = null;

        await new CallerContextFilter().InvokeAsync(new DefaultEndpointFilterInvocationContext(http), _ =>
        {
            seen = RequestContext.Get(CallerContextFilter.UserIdKey);
            return ValueTask.FromResult<object?>(null);
        });

        Assert.Equal("4711", seen);
        Assert.Null(RequestContext.Get(CallerContextFilter.UserIdKey));
    }

    [Fact]
    public async Task An_anonymous_request_sets_nothing()
    {
        object? seen = "unset";

        await new CallerContextFilter().InvokeAsync(new DefaultEndpointFilterInvocationContext(new DefaultHttpContext()), _ =>
        {
            seen = RequestContext.Get(CallerContextFilter.UserIdKey);
            return ValueTask.FromResult<object?>(null);
        });

        Assert.Null(seen);
    }
}

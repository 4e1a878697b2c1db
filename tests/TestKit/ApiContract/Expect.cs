using System.Net;
using System.Text.Json;
using Xunit.Sdk;

namespace Playbound.TestKit.ApiContract;

/// <summary>Assertions on HTTP responses that print the body when they fail.</summary>
public static class Expect
{
    /// <summary>The response has <paramref name="status"/>.</summary>
    public static async Task StatusAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        if (response.StatusCode != status)
        {
            var body = await response.Content.ReadAsStringAsync();
            Assert.Fail($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.PathAndQuery}: expected {(int)status}, got {(int)response.StatusCode}: {body}");
        }
    }

    /// <summary>The body as JSON.</summary>
    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>
    /// The response is an RFC 9457 problem with <paramref name="status"/>: the right content type, <c>status</c> and
    /// <c>title</c>; for a 400 an <c>errors</c> object, holding <paramref name="errorField"/> when given.
    /// </summary>
    public static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status, string? errorField = null)
    {
        await StatusAsync(response, status);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await JsonAsync(response);
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("title").GetString()));
        if (status == HttpStatusCode.BadRequest)
        {
            var errors = problem.GetProperty("errors");
            Assert.Equal(JsonValueKind.Object, errors.ValueKind);
            if (errorField is not null)
            {
                Assert.True(errors.TryGetProperty(errorField, out _), $"errors has no '{errorField}': {problem}");
            }
        }

        return problem;
    }

    /// <summary>The ids of a list's items, in order.</summary>
    public static List<string> Ids(JsonElement page, string idProperty) =>
        [.. page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty(idProperty).GetString()!)];

    /// <summary>
    /// Polls <paramref name="check"/> (assertions) through <see cref="Eventually"/> until it passes: fan-out and
    /// notifications arrive through streams, shortly after the call. On timeout the last failure is reported.
    /// </summary>
    public static async Task EventuallyAsync(Func<Task> check, int timeoutSeconds = 30)
    {
        Exception? last = null;
        try
        {
            await Eventually.TrueAsync(
                async () =>
                {
                    try
                    {
                        await check();
                        return true;
                    }
                    catch (Exception ex)
                    {
                        last = ex;
                        return false;
                    }
                },
                "the check passes",
                timeoutSeconds);
        }
        catch (XunitException timeout) when (last is not null)
        {
            throw new XunitException($"{timeout.Message} Last failure: {last.Message}", last);
        }
    }
}

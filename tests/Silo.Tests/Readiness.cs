using System.Net;

namespace Playbound.Silo.Tests;

/// <summary>Readiness is eventual: a first probe may land before the first heartbeat or grain call has completed.</summary>
internal static class Readiness
{
    public static async Task WaitAsync(HttpClient client)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            using var response = await client.GetAsync("/health/ready");
            if (response.StatusCode == HttpStatusCode.OK)
            {
                return;
            }

            var body = await response.Content.ReadAsStringAsync();
            Assert.True(DateTime.UtcNow < deadline, $"not ready after 30 s: {(int)response.StatusCode} {body}");
            await Task.Delay(100);
        }
    }
}

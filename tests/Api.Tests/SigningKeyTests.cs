using System.Net;
using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Playbound.Api.Auth;
using Playbound.Api.Tests.Infrastructure;

namespace Playbound.Api.Tests;

/// <summary>Where the signing key comes from, and what startup refuses.</summary>
public sealed class SigningKeyTests
{
    [Fact]
    public void Without_a_configured_key_one_is_generated_once_and_reused_after_a_restart()
    {
        var noKey = new Dictionary<string, string?> { ["Playbound:Auth:SigningKey"] = null };
        byte[] first;
        string directory;
        using (var api = new PlayboundApiFactory(noKey) { DeleteDataDirectory = false })
        {
            first = api.Services.GetRequiredService<TokenKeys>().SigningKey.Key;
            directory = api.DataDirectory;
        }

        using var restarted = new PlayboundApiFactory(noKey, directory);
        var second = restarted.Services.GetRequiredService<TokenKeys>().SigningKey.Key;

        Assert.True(File.Exists(Path.Combine(directory, TokenKeys.GeneratedKeyFileName)));
        Assert.True(first.Length >= AuthOptions.MinSigningKeyBytes);
        Assert.Equal(first, second);
    }

    [Fact]
    public async Task Tokens_issued_before_a_restart_are_accepted_after_it()
    {
        var noKey = new Dictionary<string, string?> { ["Playbound:Auth:SigningKey"] = null };
        ApiClient user;
        string directory;
        using (var api = new PlayboundApiFactory(noKey) { DeleteDataDirectory = false })
        {
            user = await api.NewClient().RegisterAsync();
            directory = api.DataDirectory;
        }

        using var restarted = new PlayboundApiFactory(noKey, directory);
        var client = restarted.NewClient();
        client.UseToken(user.AccessToken);

        Assert.Equal(user.UserId, (await client.GetJsonAsync("/api/v1/users/me")).GetProperty("userId").GetString());
    }

    [Theory]
    [InlineData("Playbound:Auth:SigningKey", "too-short")]
    [InlineData("Playbound:Auth:AccessTokenMinutes", "0")]
    [InlineData("Playbound:Auth:External:Issuer", "https://idp.example")]
    [InlineData("Playbound:RateLimit:User:Burst", "0")]
    public void Startup_fails_on_invalid_settings(string key, string value)
    {
        using var api = new PlayboundApiFactory(new Dictionary<string, string?> { [key] = value });

        Assert.ThrowsAny<OptionsValidationException>(() => api.Services);
    }

    [Fact]
    public void Postgres_storage_requires_a_configured_key()
    {
        using var api = new PlayboundApiFactory(new Dictionary<string, string?>
        {
            ["Playbound:Auth:SigningKey"] = null,
            ["Playbound:Storage"] = "Postgres",
            ["ConnectionStrings:Postgres"] = "Host=127.0.0.1;Database=unused",
        });

        var error = Assert.ThrowsAny<OptionsValidationException>(() => api.Services);
        Assert.Contains("SigningKey", error.Message);
    }

    [Fact]
    public async Task External_rs256_tokens_are_accepted_when_the_issuer_is_configured()
    {
        using var rsa = RSA.Create(2048);
        using var other = RSA.Create(2048);
        using var api = new PlayboundApiFactory(new Dictionary<string, string?>
        {
            ["Playbound:Auth:External:Issuer"] = "https://idp.example/realms/playbound",
            ["Playbound:Auth:External:Audience"] = "playbound-api",
            ["Playbound:Auth:External:PublicKeyPem"] = rsa.ExportSubjectPublicKeyInfoPem(),
        });
        var user = await api.NewClient().RegisterAsync();
        var client = api.NewClient();

        client.UseToken(TestTokens.Rs256(user.UserId, rsa, "https://idp.example/realms/playbound", "playbound-api"));
        var accepted = await client.GetAsync("/api/v1/users/me");
        client.UseToken(TestTokens.Rs256(user.UserId, other, "https://idp.example/realms/playbound", "playbound-api"));
        var wrongKey = await client.GetAsync("/api/v1/users/me");
        client.UseToken(TestTokens.Hs256(user.UserId, issuer: "https://idp.example/realms/playbound", audience: "playbound-api"));
        var wrongAlgorithm = await client.GetAsync("/api/v1/users/me");
        client.UseToken(TestTokens.Rs256(user.UserId, rsa, "https://idp.example/realms/playbound", "someone-else"));
        var wrongAudience = await client.GetAsync("/api/v1/users/me");

        await Expect.StatusAsync(accepted, HttpStatusCode.OK);
        await Expect.ProblemAsync(wrongKey, HttpStatusCode.Unauthorized);
        await Expect.ProblemAsync(wrongAlgorithm, HttpStatusCode.Unauthorized);
        await Expect.ProblemAsync(wrongAudience, HttpStatusCode.Unauthorized);
    }
}

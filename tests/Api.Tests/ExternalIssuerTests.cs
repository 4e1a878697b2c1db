using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using Playbound.Api.Auth;
using Playbound.Api.Tests.Infrastructure;

namespace Playbound.Api.Tests;

/// <summary>
/// What the external OIDC issuer's RS256 tokens get, whichever way its keys are configured: accepted from the
/// configured issuer, 401 ProblemDetails when the signature, issuer, audience or expiry is wrong. One subclass per way.
/// </summary>
public abstract class ExternalIssuerContract(ExternalIssuerFixture idp)
{
    protected ExternalIssuerFixture Idp { get; } = idp;

    [Fact]
    public async Task A_token_of_the_configured_issuer_is_accepted_and_its_subject_is_the_user()
    {
        var response = await Idp.Host.Client(Idp.Token("4242")).GetAsync("/me");

        await Expect.StatusAsync(response, HttpStatusCode.OK);
        Assert.Equal("4242", (await Expect.JsonAsync(response)).GetProperty("sub").GetString());
    }

    [Fact]
    public Task A_token_with_a_wrong_signature_is_401_problem() =>
        ExpectRefusedAsync(TestTokens.Rs256("4242", Idp.OtherKey, ExternalIssuerFixture.Issuer, ExternalIssuerFixture.Audience, keyId: Idp.KeyId));

    [Fact]
    public Task A_token_of_another_issuer_is_401_problem() =>
        ExpectRefusedAsync(TestTokens.Rs256("4242", Idp.Key, "https://idp.example/realms/other", ExternalIssuerFixture.Audience, keyId: Idp.KeyId));

    [Fact]
    public Task A_token_for_another_audience_is_401_problem() =>
        ExpectRefusedAsync(TestTokens.Rs256("4242", Idp.Key, ExternalIssuerFixture.Issuer, "someone-else", keyId: Idp.KeyId));

    [Fact]
    public Task An_expired_token_is_401_problem() =>
        ExpectRefusedAsync(TestTokens.Rs256(
            "4242", Idp.Key, ExternalIssuerFixture.Issuer, ExternalIssuerFixture.Audience,
            expires: DateTime.UtcNow.AddMinutes(-5), issuedAt: DateTime.UtcNow.AddMinutes(-20), keyId: Idp.KeyId));

    [Fact]
    public Task A_token_whose_subject_is_no_id_is_401_problem() => ExpectRefusedAsync(Idp.Token("../../x"));

    [Fact]
    public async Task Playbounds_own_tokens_are_still_accepted_and_cannot_claim_the_external_issuer()
    {
        var own = await Idp.Host.Client(TestTokens.Hs256("77")).GetAsync("/me");
        await ExpectRefusedAsync(TestTokens.Hs256("77", issuer: ExternalIssuerFixture.Issuer, audience: ExternalIssuerFixture.Audience));

        await Expect.StatusAsync(own, HttpStatusCode.OK);
    }

    private async Task ExpectRefusedAsync(string token)
    {
        var response = await Idp.Host.Client(token).GetAsync("/me");

        await Expect.ProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Equal("""Bearer error="invalid_token" """.TrimEnd(), response.Headers.WwwAuthenticate.Single().ToString());
    }
}

/// <summary>Keys from <c>Playbound:Auth:External:PublicKeyPem</c>.</summary>
public sealed class ExternalIssuerPemTests(ExternalIssuerPemTests.Pem idp) : ExternalIssuerContract(idp), IClassFixture<ExternalIssuerPemTests.Pem>
{
    [Fact]
    public async Task On_the_hub_path_the_token_may_come_in_the_query_string()
    {
        var token = Uri.EscapeDataString(Idp.Token("4242"));

        var hub = await Idp.Host.Client().GetAsync($"/hubs/feed/probe?access_token={token}");
        var elsewhere = await Idp.Host.Client().GetAsync($"/me?access_token={token}");

        await Expect.StatusAsync(hub, HttpStatusCode.OK);
        Assert.Equal("4242", (await Expect.JsonAsync(hub)).GetProperty("sub").GetString());
        await Expect.ProblemAsync(elsewhere, HttpStatusCode.Unauthorized);
    }

    public sealed class Pem : ExternalIssuerFixture
    {
        public override string? KeyId => null;

        protected override Task<Dictionary<string, string?>> KeySettingsAsync() =>
            Task.FromResult(new Dictionary<string, string?> { ["Playbound:Auth:External:PublicKeyPem"] = Key.ExportSubjectPublicKeyInfoPem() });
    }
}

/// <summary>Keys from the JWKS file at <c>Playbound:Auth:External:JwksPath</c>.</summary>
public sealed class ExternalIssuerJwksFileTests(ExternalIssuerJwksFileTests.JwksFile idp)
    : ExternalIssuerContract(idp), IClassFixture<ExternalIssuerJwksFileTests.JwksFile>
{
    public sealed class JwksFile : ExternalIssuerFixture
    {
        private readonly string _path = Path.Combine(Path.GetTempPath(), $"playbound-jwks-{Guid.NewGuid():N}.json");

        public override async Task DisposeAsync()
        {
            await base.DisposeAsync();
            File.Delete(_path);
        }

        protected override async Task<Dictionary<string, string?>> KeySettingsAsync()
        {
            await File.WriteAllTextAsync(_path, Jwks());
            return new Dictionary<string, string?> { ["Playbound:Auth:External:JwksPath"] = _path };
        }
    }
}

/// <summary>
/// Keys from the issuer's OpenID Connect metadata at <c>Playbound:Auth:External:MetadataAddress</c>, served over
/// plain HTTP on loopback (allowed there only) by a small local server, as a provider would serve it.
/// </summary>
public sealed class ExternalIssuerMetadataTests(ExternalIssuerMetadataTests.Metadata idp)
    : ExternalIssuerContract(idp), IClassFixture<ExternalIssuerMetadataTests.Metadata>
{
    [Fact]
    public void The_external_scheme_reads_the_metadata_address()
    {
        var options = Idp.Host.Services.GetRequiredService<IOptionsMonitor<JwtBearerOptions>>().Get(BearerSchemes.ExternalSchemeName);

        Assert.Equal(((Metadata)Idp).Address, options.MetadataAddress);
        Assert.NotNull(options.ConfigurationManager);
        Assert.False(options.RequireHttpsMetadata);
        Assert.Empty(options.TokenValidationParameters.IssuerSigningKeys);
    }

    public sealed class Metadata : ExternalIssuerFixture
    {
        private WebApplication? _provider;

        public string Address { get; private set; } = "";

        public override async Task DisposeAsync()
        {
            await base.DisposeAsync();
            if (_provider is not null)
            {
                await _provider.DisposeAsync();
            }
        }

        protected override async Task<Dictionary<string, string?>> KeySettingsAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            _provider = builder.Build();
            _provider.MapGet("/realms/playbound/.well-known/openid-configuration", static (HttpContext context) => Results.Text(
                JsonSerializer.Serialize(new { issuer = Issuer, jwks_uri = $"http://{context.Request.Host}/realms/playbound/certs" }),
                "application/json"));
            _provider.MapGet("/realms/playbound/certs", () => Results.Text(Jwks(), "application/json"));
            await _provider.StartAsync();

            Address = $"{_provider.Urls.Single()}/realms/playbound/.well-known/openid-configuration";
            return new Dictionary<string, string?> { ["Playbound:Auth:External:MetadataAddress"] = Address };
        }
    }
}

/// <summary>Startup refuses an external issuer whose keys are named ambiguously or fetched insecurely.</summary>
public sealed class ExternalIssuerSettingsTests
{
    [Theory]
    [InlineData("PublicKeyPem", "MetadataAddress")]
    [InlineData("JwksPath", "MetadataAddress")]
    [InlineData("MetadataAddress", "http://idp.example/realms/playbound/.well-known/openid-configuration")]
    [InlineData("MetadataAddress", "not a url")]
    [InlineData(null, null)]
    public async Task Startup_fails_without_exactly_one_acceptable_key_source(string? key, string? otherKeyOrValue)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Playbound:Auth:External:Issuer"] = ExternalIssuerFixture.Issuer,
            ["Playbound:Auth:External:Audience"] = ExternalIssuerFixture.Audience,
        };
        if (key is "MetadataAddress")
        {
            settings["Playbound:Auth:External:MetadataAddress"] = otherKeyOrValue;
        }
        else if (key is not null)
        {
            settings[$"Playbound:Auth:External:{key}"] = "/some/file";
            settings[$"Playbound:Auth:External:{otherKeyOrValue}"] = "https://idp.example/realms/playbound/.well-known/openid-configuration";
        }

        var error = await Assert.ThrowsAnyAsync<OptionsValidationException>(() => AuthTestHost.StartAsync(settings));

        Assert.Contains("Playbound:Auth:External", error.Message);
    }
}

/// <summary>An external issuer: its key (and another one, for forgeries) and the auth host that trusts it.</summary>
public abstract class ExternalIssuerFixture : IAsyncLifetime
{
    public const string Issuer = "https://idp.example/realms/playbound";
    public const string Audience = "playbound-api";

    private AuthTestHost? _host;

    /// <summary>The issuer's signing key.</summary>
    public RSA Key { get; } = RSA.Create(2048);

    /// <summary>A key the issuer does not use.</summary>
    public RSA OtherKey { get; } = RSA.Create(2048);

    /// <summary>The <c>kid</c> the issuer publishes and puts in its tokens' headers (none with a bare PEM key).</summary>
    public virtual string? KeyId => "key-1";

    /// <summary>The host that trusts the issuer.</summary>
    public AuthTestHost Host => _host ?? throw new InvalidOperationException("Not started.");

    /// <summary>A valid token of the issuer for <paramref name="subject"/>.</summary>
    public string Token(string subject) => TestTokens.Rs256(subject, Key, Issuer, Audience, keyId: KeyId);

    public async Task InitializeAsync()
    {
        var settings = await KeySettingsAsync();
        settings["Playbound:Auth:External:Issuer"] = Issuer;
        settings["Playbound:Auth:External:Audience"] = Audience;
        _host = await AuthTestHost.StartAsync(settings);
    }

    public virtual async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        Key.Dispose();
        OtherKey.Dispose();
    }

    /// <summary>The settings that name the issuer's keys.</summary>
    protected abstract Task<Dictionary<string, string?>> KeySettingsAsync();

    /// <summary>The issuer's public key as a JSON Web Key Set.</summary>
    protected string Jwks()
    {
        var key = Key.ExportParameters(includePrivateParameters: false);
        return JsonSerializer.Serialize(new
        {
            keys = new[]
            {
                new { kty = "RSA", use = "sig", alg = "RS256", kid = KeyId, n = Base64UrlEncoder.Encode(key.Modulus), e = Base64UrlEncoder.Encode(key.Exponent) },
            },
        });
    }
}

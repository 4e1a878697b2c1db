using System.Text;
using Microsoft.Extensions.Options;
using Playbound.Hosting;

namespace Playbound.Api.Auth;

/// <summary>Checks <see cref="AuthOptions"/> at startup, so a short key or half an external issuer fails fast and clearly.</summary>
internal sealed class AuthOptionsValidator(IConfiguration configuration) : IValidateOptions<AuthOptions>
{
    public ValidateOptionsResult Validate(string? name, AuthOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrEmpty(options.SigningKey))
        {
            if (StorageSettings.From(configuration).Kind != StorageKind.Sqlite)
            {
                failures.Add("Playbound:Auth:SigningKey is required with Playbound:Storage=Postgres: every Api process must sign with the same key.");
            }
        }
        else if (Encoding.UTF8.GetByteCount(options.SigningKey) < AuthOptions.MinSigningKeyBytes)
        {
            failures.Add($"Playbound:Auth:SigningKey must be at least {AuthOptions.MinSigningKeyBytes} bytes.");
        }

        if (options.AccessTokenMinutes is < 1 or > 24 * 60)
        {
            failures.Add("Playbound:Auth:AccessTokenMinutes must be between 1 and 1440.");
        }

        if (options.RefreshTokenDays is < 1 or > 365)
        {
            failures.Add("Playbound:Auth:RefreshTokenDays must be between 1 and 365.");
        }

        if (options.PasswordHashIterations < 1)
        {
            failures.Add("Playbound:Auth:PasswordHashIterations must be positive.");
        }

        var external = options.External;
        if (external.IsConfigured)
        {
            if (string.IsNullOrWhiteSpace(external.Audience))
            {
                failures.Add("Playbound:Auth:External:Audience is required when External:Issuer is set.");
            }

            string?[] keySources = [external.PublicKeyPem, external.JwksPath, external.MetadataAddress];
            if (keySources.Count(static source => !string.IsNullOrWhiteSpace(source)) != 1)
            {
                failures.Add("Set exactly one of Playbound:Auth:External:PublicKeyPem, :JwksPath and :MetadataAddress.");
            }

            if (!string.IsNullOrWhiteSpace(external.MetadataAddress) && !IsAcceptableMetadataAddress(external.MetadataAddress))
            {
                failures.Add("Playbound:Auth:External:MetadataAddress must be an absolute https URL (http only on a loopback address).");
            }

            if (external.Issuer == AuthOptions.Issuer)
            {
                failures.Add($"Playbound:Auth:External:Issuer must differ from Playbound's own issuer '{AuthOptions.Issuer}'.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>
    /// Whether the metadata (and so the keys) may be fetched from <paramref name="address"/>: over HTTPS, or over plain
    /// HTTP from this machine (a provider in development, the tests), where nobody in between can swap the keys.
    /// </summary>
    internal static bool IsAcceptableMetadataAddress(string address) =>
        Uri.TryCreate(address, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback));
}

namespace Playbound.Api.Auth;

/// <summary>Access and refresh tokens (configuration section <c>Playbound:Auth</c>).</summary>
public sealed class AuthOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Playbound:Auth";

    /// <summary>The issuer and audience of Playbound's own tokens.</summary>
    public const string Issuer = "playbound";

    /// <summary>The audience of Playbound's own tokens.</summary>
    public const string Audience = "playbound";

    /// <summary>The default access-token lifetime in minutes.</summary>
    public const int DefaultAccessTokenMinutes = 15;

    /// <summary>The default lifetime of a login session (its refresh tokens) in days.</summary>
    public const int DefaultRefreshTokenDays = 30;

    /// <summary>The default PBKDF2 iteration count, ASP.NET Core Identity's own default.</summary>
    public const int DefaultPasswordHashIterations = 100_000;

    /// <summary>The shortest signing key: HS256 needs at least 256 bits.</summary>
    public const int MinSigningKeyBytes = 32;

    /// <summary>
    /// The HS256 key (its UTF-8 bytes, at least <see cref="MinSigningKeyBytes"/>). Required with PostgreSQL storage,
    /// where several Api processes must agree; in embedded mode a random key is generated once and kept under
    /// <c>Playbound:DataDir</c> so tokens survive restarts.
    /// </summary>
    public string? SigningKey { get; set; }

    /// <summary>How long an access token is valid, in minutes.</summary>
    public int AccessTokenMinutes { get; set; } = DefaultAccessTokenMinutes;

    /// <summary>How long a login session lasts, in days; each refresh extends it by this much.</summary>
    public int RefreshTokenDays { get; set; } = DefaultRefreshTokenDays;

    /// <summary>PBKDF2 iterations for new password hashes; older hashes are upgraded at the next login.</summary>
    public int PasswordHashIterations { get; set; } = DefaultPasswordHashIterations;

    /// <summary>An external OIDC issuer whose RS256 tokens are accepted too (section <c>Playbound:Auth:External</c>).</summary>
    public ExternalIssuerOptions External { get; set; } = new();
}

/// <summary>
/// An external OpenID Connect provider (such as Keycloak) whose RS256 access tokens are accepted; the token's
/// <c>sub</c> is the Playbound user id. Off unless <see cref="Issuer"/> is set; then exactly one of
/// <see cref="PublicKeyPem"/>, <see cref="JwksPath"/> and <see cref="MetadataAddress"/> names the keys.
/// </summary>
public sealed class ExternalIssuerOptions
{
    /// <summary>The expected <c>iss</c> claim.</summary>
    public string? Issuer { get; set; }

    /// <summary>The expected <c>aud</c> claim.</summary>
    public string? Audience { get; set; }

    /// <summary>The provider's RSA public key: PEM text, or the path of a PEM file.</summary>
    public string? PublicKeyPem { get; set; }

    /// <summary>The path of a JWKS (JSON Web Key Set) file with the provider's keys, instead of <see cref="PublicKeyPem"/>.</summary>
    public string? JwksPath { get; set; }

    /// <summary>
    /// The provider's OpenID Connect metadata document (<c>{issuer}/.well-known/openid-configuration</c>), instead of
    /// <see cref="PublicKeyPem"/> or <see cref="JwksPath"/>: the keys come from its <c>jwks_uri</c> and are re-read as
    /// the provider rotates them. HTTPS, except on a loopback address.
    /// </summary>
    public string? MetadataAddress { get; set; }

    /// <summary>Whether an external issuer is configured.</summary>
    public bool IsConfigured => !string.IsNullOrWhiteSpace(Issuer);
}

using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using Playbound.Hosting;

namespace Playbound.Api.Auth;

/// <summary>
/// The keys tokens are signed and checked with: Playbound's HS256 key (configured, or generated once and kept
/// under the data directory in embedded mode), and the external issuer's RS256 keys when configured from a PEM or
/// JWKS file. Also derives the key that signs paging cursors, so one configured secret covers both.
/// </summary>
public sealed class TokenKeys
{
    /// <summary>The file under <c>Playbound:DataDir</c> that keeps the generated signing key.</summary>
    public const string GeneratedKeyFileName = "auth-signing-key";

    private const int GeneratedKeyBytes = 64;

    /// <summary>Loads or creates the keys.</summary>
    public TokenKeys(IOptions<AuthOptions> options, IConfiguration configuration)
    {
        var auth = options.Value;
        var keyBytes = string.IsNullOrEmpty(auth.SigningKey)
            ? LoadOrCreateKey(Path.Combine(StorageSettings.From(configuration).DataDirectory, GeneratedKeyFileName))
            : Encoding.UTF8.GetBytes(auth.SigningKey);
        SigningKey = new SymmetricSecurityKey(keyBytes);
        CursorKey = HMACSHA256.HashData(keyBytes, "playbound/cursor/v1"u8);
        ExternalKeys = auth.External.IsConfigured ? LoadExternalKeys(auth.External) : [];
    }

    /// <summary>The HS256 key of Playbound's own tokens.</summary>
    public SymmetricSecurityKey SigningKey { get; }

    /// <summary>The HMAC key of paging cursors, derived from the signing key.</summary>
    public byte[] CursorKey { get; }

    /// <summary>
    /// The external issuer's public keys from its PEM or JWKS file (empty when none is configured, or when they come
    /// from its metadata address, which JwtBearer reads itself).
    /// </summary>
    public IReadOnlyList<SecurityKey> ExternalKeys { get; }

    private static byte[] LoadOrCreateKey(string path)
    {
        if (File.Exists(path))
        {
            return Convert.FromBase64String(File.ReadAllText(path).Trim());
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var key = RandomNumberGenerator.GetBytes(GeneratedKeyBytes);
        try
        {
            // CreateNew: when two processes share the directory, the first key written wins and the other reads it.
            var fileOptions = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                fileOptions.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            using var writer = new StreamWriter(path, Encoding.ASCII, fileOptions);
            writer.Write(Convert.ToBase64String(key));
            return key;
        }
        catch (IOException) when (File.Exists(path))
        {
            return Convert.FromBase64String(File.ReadAllText(path).Trim());
        }
    }

    private static SecurityKey[] LoadExternalKeys(ExternalIssuerOptions external)
    {
        if (!string.IsNullOrWhiteSpace(external.MetadataAddress))
        {
            return [];
        }

        if (!string.IsNullOrWhiteSpace(external.JwksPath))
        {
            return [.. new JsonWebKeySet(File.ReadAllText(external.JwksPath)).GetSigningKeys()];
        }

        var pem = external.PublicKeyPem!;
        if (!pem.Contains("-----BEGIN", StringComparison.Ordinal))
        {
            pem = File.ReadAllText(pem);
        }

        var rsa = RSA.Create();
        rsa.ImportFromPem(pem);
        return [new RsaSecurityKey(rsa)];
    }
}

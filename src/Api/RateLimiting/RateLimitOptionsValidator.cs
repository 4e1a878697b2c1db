using Microsoft.Extensions.Options;

namespace Playbound.Api.RateLimiting;

/// <summary>Checks <see cref="RateLimitOptions"/> at startup: an empty bucket would reject every request.</summary>
internal sealed class RateLimitOptionsValidator : IValidateOptions<RateLimitOptions>
{
    public ValidateOptionsResult Validate(string? name, RateLimitOptions options)
    {
        var failures = new List<string>();
        Check(options.User, "User", failures);
        Check(options.Auth, "Auth", failures);
        Check(options.Hub, "Hub", failures);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Check(TokenBucketSettings bucket, string name, List<string> failures)
    {
        if (bucket.TokensPerSecond < 1 || bucket.Burst < 1)
        {
            failures.Add($"{RateLimitOptions.SectionName}:{name}:TokensPerSecond and :Burst must be at least 1.");
        }
    }
}

using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Playbound.Api.Auth;

namespace Playbound.Api.Extensions;

/// <summary>Registers token issuing and validation, passwords and sessions.</summary>
public static class AuthenticationExtensions
{
    /// <summary>
    /// Adds JwtBearer authentication (<see cref="BearerSchemes"/>: "Bearer" by default, "External" for an external
    /// issuer), <see cref="AuthOptions"/> (validated at startup) and the services behind the auth endpoints.
    /// </summary>
    public static IHostApplicationBuilder AddPlayboundAuthentication(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AuthOptions>, AuthOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);

        services.AddSingleton<TokenKeys>();
        services.AddSingleton<AccessTokens>();
        services.AddSingleton<Sessions>();
        services.AddSingleton<Passwords>();
        services.AddSingleton<RevokedAccounts>();
        services.AddSingleton<IPasswordHasher<Passwords.Account>, PasswordHasher<Passwords.Account>>();
        services.AddOptions<PasswordHasherOptions>()
            .Configure<IOptions<AuthOptions>>(static (hasher, auth) => hasher.IterationCount = auth.Value.PasswordHashIterations);

        services.AddAuthentication(BearerSchemes.SchemeName).AddPlayboundBearer();
        services.AddAuthorization();
        return builder;
    }
}

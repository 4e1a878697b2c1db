using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Playbound.Api.Auth;
using Playbound.Api.Tests.Infrastructure;

namespace Playbound.Api.Tests;

/// <summary>
/// A failure inside the Api becomes a 5xx ProblemDetails that reveals nothing. Embedded only: the failure is injected
/// by replacing a service of the in-process Api (the contract tests in <see cref="ErrorContractTests"/> also run on a cluster).
/// </summary>
public sealed class UnexpectedErrorTests
{
    [Theory]
    [InlineData(false, HttpStatusCode.InternalServerError)]
    [InlineData(true, HttpStatusCode.ServiceUnavailable)]
    public async Task An_unexpected_exception_is_a_5xx_problem_that_reveals_nothing(bool timeout, HttpStatusCode status)
    {
        Exception failure = timeout ? new TimeoutException(ExplodingHasher.Secret) : new InvalidOperationException(ExplodingHasher.Secret);
        using var api = new PlayboundApiFactory(configure: b => b.ConfigureTestServices(
            s => s.AddSingleton<IPasswordHasher<Passwords.Account>>(new ExplodingHasher(failure))));

        var response = await api.NewClient().PostAsync("/api/v1/auth/register", new { handle = "boom_user", displayName = "B", password = "password1" });

        var problem = await Expect.ProblemAsync(response, status);
        var text = problem.ToString();
        Assert.DoesNotContain(ExplodingHasher.Secret, text);
        Assert.DoesNotContain("ExplodingHasher", text);
        Assert.DoesNotContain(" at ", text);
    }

    private sealed class ExplodingHasher(Exception failure) : IPasswordHasher<Passwords.Account>
    {
        public const string Secret = "internal detail: connection string";

        public string HashPassword(Passwords.Account user, string password) => throw failure;

        public PasswordVerificationResult VerifyHashedPassword(Passwords.Account user, string hashedPassword, string providedPassword) => throw failure;
    }
}

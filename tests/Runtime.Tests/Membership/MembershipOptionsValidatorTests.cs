using Playbound.Runtime.Membership;

namespace Playbound.Runtime.Tests.Membership;

public sealed class MembershipOptionsValidatorTests
{
    private static readonly MembershipOptionsValidator Validator = new();

    [Fact]
    public void The_defaults_with_a_connection_string_are_valid()
    {
        Assert.True(Validator.Validate(null, new MembershipOptions { ConnectionString = "Host=db" }).Succeeded);
    }

    public static TheoryData<string, Action<MembershipOptions>> Nonsense => new()
    {
        { "ConnectionString", o => o.ConnectionString = " " },
        { "ClusterId", o => o.ClusterId = "" },
        { "Schema", o => o.Schema = "drop table;" },
        { "HeartbeatInterval", o => o.HeartbeatInterval = TimeSpan.Zero },
        { "DeathTimeout", o => o.DeathTimeout = o.HeartbeatInterval },
        { "DeathTimeout", o => o.DeathTimeout = 2 * o.HeartbeatInterval },
        { "RefreshInterval", o => o.RefreshInterval = o.DeathTimeout },
        { "OperationTimeout", o => o.OperationTimeout = TimeSpan.Zero },
        { "DefunctSiloExpiration", o => o.DefunctSiloExpiration = o.DeathTimeout / 2 },
    };

    [Theory]
    [MemberData(nameof(Nonsense))]
    public void Nonsense_options_are_rejected_naming_the_setting(string setting, Action<MembershipOptions> spoil)
    {
        var options = new MembershipOptions { ConnectionString = "Host=db" };
        spoil(options);

        var result = Validator.Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(setting, result.FailureMessage);
    }
}

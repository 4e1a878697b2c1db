using Microsoft.Extensions.Options;

namespace Playbound.Grains;

/// <summary>The grains' options validators list one rule per setting; each broken rule is one error.</summary>
internal static class OptionRules
{
    /// <summary>No error when <paramref name="holds"/>, else <paramref name="error"/>.</summary>
    public static string[] Rule(bool holds, string error) => holds ? [] : [error];

    /// <summary>Success without errors, else a failure listing them all.</summary>
    public static ValidateOptionsResult Result(string[] errors) =>
        errors.Length == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
}

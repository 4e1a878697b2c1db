using System.Text.RegularExpressions;
using Orleans.Runtime;

namespace Playbound.Grains.Posts;

/// <summary>Finds <c>@handle</c> mentions in post and comment text and resolves them to user ids.</summary>
internal static partial class Mentions
{
    /// <summary>The most users one text can notify; further mentions are ignored (no notification spam).</summary>
    public const int MaxPerText = 10;

    /// <summary>The distinct handles mentioned in <paramref name="text"/>, lower-cased, in order, at most <see cref="MaxPerText"/>.</summary>
    public static IReadOnlyList<string> Handles(string text) =>
        [.. MentionPattern().Matches(text).Select(static m => m.Groups[1].Value.ToLowerInvariant()).Distinct().Take(MaxPerText)];

    /// <summary>The users mentioned in <paramref name="text"/> that exist, except <paramref name="excludedUserId"/>.</summary>
    public static async Task<IReadOnlyList<string>> ResolveAsync(IGrainFactory grains, string text, string excludedUserId)
    {
        var handles = Handles(text);
        if (handles.Count == 0)
        {
            return [];
        }

        var accounts = await Task.WhenAll(handles.Select(h => grains.GetGrain<IAccountGrain>(h).GetCredentials()));
        return [.. accounts.OfType<AccountCredentials>().Select(static a => a.UserId).Where(id => id != excludedUserId).Distinct()];
    }

    /// <summary>@ followed by a handle (3-30 of a-z, 0-9, _), not inside a word or an e-mail address.</summary>
    [GeneratedRegex(@"(?<![A-Za-z0-9_@.])@([A-Za-z0-9_]{3,30})(?![A-Za-z0-9_])", RegexOptions.CultureInvariant)]
    private static partial Regex MentionPattern();
}

using System.Text;

namespace Playbound.Api.Tests.Infrastructure;

/// <summary>Strings, ids, bodies and query values that a careless or malicious client sends.</summary>
public static class HostileInputs
{
    /// <summary>Hostile strings for text fields and ids.</summary>
    public static readonly IReadOnlyList<(string Name, string Value)> Strings =
    [
        ("empty", ""),
        ("blank", "   "),
        ("10k chars", new string('a', 10_000)),
        ("10k emoji", string.Concat(Enumerable.Repeat("💥", 10_000))),
        ("NUL", "\0"),
        ("embedded NUL", "ab\0cd"),
        ("lone high surrogate", "x\uD800y"),
        ("lone low surrogate", "x\uDC00y"),
        ("RTL override", "\u202Egnp.exe"),
        ("zero width", "\u200B\u200B\u200B"),
        ("combining flood", "e" + new string('\u0301', 2000)),
        ("BOM", "\uFEFFhello"),
        ("noncharacter", "\uFFFF\uFFFE"),
        ("C1 control", "a\u0085b\u009Bc"),
        ("CRLF injection", "a\r\nX-Injected: 1"),
        ("SQL quote", "' OR '1'='1' --"),
        ("SQL drop", "'; DROP TABLE users; --"),
        ("LIKE wildcards", "%_%\\%"),
        ("path traversal", "../../etc/passwd"),
        ("encoded traversal", "..%2f..%2f"),
        ("encoded NUL", "%00"),
        ("HTML", "<script>alert(1)</script>"),
        ("template", "{{7*7}}${jndi:ldap://x}"),
        ("very long id", new string('9', 1000)),
        ("negative", "-1"),
        ("huge number", "99999999999999999999999999"),
        ("arabic digits", "١٢٣"),
        ("fullwidth", "ａｄｍｉｎ"),
        ("kelvin handle", "\u212Aate"),
        ("me", "me"),
        ("null word", "null"),
        ("json in string", "{\"a\":1}"),
    ];

    /// <summary>Bodies that are not valid JSON for any route.</summary>
    public static readonly IReadOnlyList<(string Name, string Body)> MalformedBodies =
    [
        ("open brace", "{"),
        ("close brace", "}"),
        ("plain text", "hello"),
        ("truncated", "{\"text\": \"abc"),
        ("missing value", "{\"text\":}"),
        ("trailing comma", "{\"text\":\"a\",}"),
        ("single quotes", "{'text':'a'}"),
        ("deep nesting", new string('[', 2000) + new string(']', 2000)),
        ("deep object", string.Concat(Enumerable.Repeat("{\"a\":", 500)) + "1" + new string('}', 500)),
        ("json null", "null"),
        ("json array", "[1,2,3]"),
        ("json number", "42"),
        ("comment", "/* hi */ {}"),
        ("NaN", "{\"text\": NaN}"),
    ];

    /// <summary>Query values for <c>limit</c> that are out of range or not numbers.</summary>
    public static readonly IReadOnlyList<string> BadLimits = ["0", "-1", "101", "1000000", "99999999999999999999", "abc", "1.5", "1e2", " 5", "0x10", "", "%00"];

    /// <summary>Query values for <c>cursor</c> that the server never issued.</summary>
    public static readonly IReadOnlyList<string> BadCursors =
        ["garbage", "", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", new string('A', 5000), "%00", "..%2f", "eyJhbGciOiJub25lIn0", "12345", "%FF%FE"];

    /// <summary>A JSON string literal for <paramref name="value"/>, escaping every non-ASCII unit so even lone surrogates survive.</summary>
    public static string JsonString(string value)
    {
        var builder = new StringBuilder("\"");
        foreach (var c in value)
        {
            if (c is < ' ' or > '~' or '"' or '\\')
            {
                builder.Append("\\u").Append(((int)c).ToString("x4"));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.Append('"').ToString();
    }

    /// <summary>
    /// <paramref name="value"/> percent-encoded for a path segment or query value, byte by byte; a lone surrogate is
    /// written as its (invalid) three-byte form rather than dropped.
    /// </summary>
    public static string PercentEncode(string value)
    {
        var builder = new StringBuilder();
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '~')
            {
                builder.Append(c);
                continue;
            }

            byte[] bytes = char.IsSurrogatePair(value, i)
                ? Encoding.UTF8.GetBytes(value.Substring(i++, 2))
                : char.IsSurrogate(c) ? [(byte)(0xE0 | (c >> 12)), (byte)(0x80 | ((c >> 6) & 0x3F)), (byte)(0x80 | (c & 0x3F))] : Encoding.UTF8.GetBytes(c.ToString());
            foreach (var b in bytes)
            {
                builder.Append('%').Append(b.ToString("X2"));
            }
        }

        return builder.ToString();
    }
}

using System.Text;

namespace Tracking.Server.Tests.Hardening;

/// <summary>
/// Text an attacker (or an unlucky import) puts in a field: SQL metacharacters and injection attempts, markup, a very
/// long string, and the two things PostgreSQL text cannot hold (NUL, invalid UTF-16). Each must come back exactly as
/// sent or be refused with the field named; none may run.
/// </summary>
public static class HostileText
{
    public static readonly string VeryLong = string.Concat(Enumerable.Repeat("'; DROP TABLE fixes; --", 5_000));

    public static IReadOnlyDictionary<string, string> All { get; } = new Dictionary<string, string>
    {
        ["drop table"] = "Robert'); DROP TABLE officers; --",
        ["or true"] = "' OR '1'='1",
        ["double quote delete"] = "\"; DELETE FROM fixes WHERE ''=''; --",
        ["dollar quoting"] = "$$; TRUNCATE visits CASCADE; $$",
        ["backslash sleep"] = "\\'; SELECT pg_sleep(10); --",
        ["like wildcards"] = "%_[^]*\\",
        ["markup"] = "<img src=x onerror=alert(1)>",
        ["unicode"] = "Zoë Ó'Brien ✓ 𝔘𝔫𝔦",
        ["very long"] = VeryLong,
        ["nul"] = "nul\0byte",
        ["lone surrogate"] = "lone\uD800surrogate",
    };

    /// <summary>A JSON string literal for any UTF-16 string, lone surrogates included (a serializer would refuse to write one).</summary>
    public static string Json(string value)
    {
        var json = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            if (c is '"' or '\\')
            {
                json.Append('\\').Append(c);
            }
            else if (char.IsControl(c) || char.IsSurrogate(c))
            {
                json.Append("\\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
            }
            else
            {
                json.Append(c);
            }
        }

        return json.Append('"').ToString();
    }

    /// <summary>A CSV field (RFC 4180): quoted, quotes doubled.</summary>
    public static string Csv(string value) => "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}

using System.Globalization;
using System.Text.RegularExpressions;

namespace Tracking.Storage.Command;

/// <summary>
/// Times in reference files and command-and-control messages: ISO 8601 / RFC 3339 with an explicit offset (<c>2026-11-26T14:00:00Z</c>,
/// <c>2026-11-26T15:00:00+01:00</c>), read into UTC and written in UTC with <c>Z</c>. A time without
/// a zone is refused rather than guessed: a rota read in the wrong zone puts every shift an hour out.
/// Thread-safe (stateless).
/// </summary>
public static partial class IsoTime
{
    public static string Format(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    /// <summary>Reads <paramref name="text"/>; on failure <paramref name="error"/> says why.</summary>
    public static bool TryParse(string text, out DateTimeOffset time, out string error)
    {
        time = default;
        var match = Pattern().Match(text);
        if (!match.Success)
        {
            error = $"'{Shorten(text)}' is not an ISO 8601 time such as 2026-11-26T14:00:00Z.";
            return false;
        }

        if (!match.Groups["zone"].Success)
        {
            error = $"'{Shorten(text)}' has no time zone: end it with Z (UTC) or an offset such as +01:00.";
            return false;
        }

        var year = Number(match, "year");
        var month = Number(match, "month");
        var day = Number(match, "day");
        var hour = Number(match, "hour");
        var minute = Number(match, "minute");
        var second = match.Groups["second"].Success ? Number(match, "second") : 0;
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)
            || hour > 23 || minute > 59 || second > 59)
        {
            error = $"'{Shorten(text)}' is not a valid date and time.";
            return false;
        }

        // Up to 7 digits are ticks; more are truncated, as PostgreSQL keeps microseconds anyway.
        long ticks = 0;
        if (match.Groups["fraction"].Success)
        {
            var digits = match.Groups["fraction"].Value;
            digits = digits.Length > 7 ? digits[..7] : digits.PadRight(7, '0');
            ticks = long.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);
        }

        var offset = TimeSpan.Zero;
        var zone = match.Groups["zone"].Value;
        if (zone is not ("Z" or "z"))
        {
            var hours = int.Parse(zone.AsSpan(1, 2), NumberStyles.None, CultureInfo.InvariantCulture);
            var minutes = int.Parse(zone.AsSpan(zone.Length - 2, 2), NumberStyles.None, CultureInfo.InvariantCulture);
            if (hours > 14 || minutes > 59 || (hours == 14 && minutes > 0))
            {
                error = $"'{Shorten(text)}' has an offset outside -14:00 to +14:00.";
                return false;
            }

            offset = new TimeSpan(hours, minutes, 0);
            if (zone[0] == '-')
            {
                offset = -offset;
            }
        }

        var local = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Unspecified).AddTicks(ticks);
        var utcTicks = local.Ticks - offset.Ticks;
        if (utcTicks < DateTime.MinValue.Ticks || utcTicks > DateTime.MaxValue.Ticks)
        {
            error = $"'{Shorten(text)}' is out of range.";
            return false;
        }

        time = new DateTimeOffset(utcTicks, TimeSpan.Zero);
        error = "";
        return true;
    }

    private static int Number(Match match, string group) =>
        int.Parse(match.Groups[group].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture);

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";

    // RFC 3339 allows a space for the T and lower-case t and z; a comma is ISO 8601's other decimal sign.
    [GeneratedRegex(
        @"^(?<year>[0-9]{4})-(?<month>[0-9]{2})-(?<day>[0-9]{2})[Tt ](?<hour>[0-9]{2}):(?<minute>[0-9]{2})(?::(?<second>[0-9]{2})(?:[.,](?<fraction>[0-9]{1,15}))?)?(?<zone>[Zz]|[+-][0-9]{2}:?[0-9]{2})?\z",
        RegexOptions.CultureInvariant,
        matchTimeoutMilliseconds: 1000)]
    private static partial Regex Pattern();
}

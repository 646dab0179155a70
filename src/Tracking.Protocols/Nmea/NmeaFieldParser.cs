using System.Globalization;

namespace Tracking.Protocols.Nmea;

/// <summary>
/// Parses the value formats of NMEA 0183 fields from ASCII bytes, without allocating. Each method accepts exactly its
/// format and returns false for anything else; a null (empty) field is the caller's business. Pure and thread-safe.
/// </summary>
internal static class NmeaFieldParser
{
    /// <summary>Up to 15 decimal digits fit a double's 53-bit mantissa exactly.</summary>
    private const int ExactDigits = 15;

    // Powers of ten up to 10^22 are exact doubles, so mantissa / 10^n is one correctly rounded division: the same
    // double that double.Parse gives for the same text.
    private static readonly double[] PowersOfTen =
    [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
    ];

    /// <summary>
    /// UTC time of day, <c>hhmmss</c> with an optional fraction of any length (<c>hhmmss.s</c> to <c>hhmmss.sss…</c>):
    /// hours 00–23, minutes and seconds 00–59. Digits beyond the 100 ns of a tick are truncated. A leap second (60)
    /// is refused: <see cref="DateTimeOffset"/> cannot hold it.
    /// </summary>
    public static bool TryParseTimeOfDay(ReadOnlySpan<byte> field, out long ticks)
    {
        ticks = 0;
        if (field.Length < 6
            || !TryParseTwoDigits(field, 0, out var hours) || hours > 23
            || !TryParseTwoDigits(field, 2, out var minutes) || minutes > 59
            || !TryParseTwoDigits(field, 4, out var seconds) || seconds > 59)
        {
            return false;
        }

        long fraction = 0;
        if (field.Length > 6)
        {
            if (field[6] != (byte)'.' || field.Length == 7)
            {
                return false;
            }

            var scale = TimeSpan.TicksPerSecond;
            for (var i = 7; i < field.Length; i++)
            {
                var digit = (uint)(field[i] - '0');
                if (digit > 9)
                {
                    return false;
                }

                scale /= 10;
                fraction += digit * scale;
            }
        }

        ticks = ((((hours * 60L) + minutes) * 60) + seconds) * TimeSpan.TicksPerSecond + fraction;
        return true;
    }

    /// <summary>UTC date <c>ddmmyy</c>, exactly six digits; whether the day exists in the month is checked once the century is known.</summary>
    public static bool TryParseDate(ReadOnlySpan<byte> field, out int day, out int month, out int twoDigitYear)
    {
        day = 0;
        month = 0;
        twoDigitYear = 0;
        return field.Length == 6
            && TryParseTwoDigits(field, 0, out day) && day >= 1
            && TryParseTwoDigits(field, 2, out month) && month is >= 1 and <= 12
            && TryParseTwoDigits(field, 4, out twoDigitYear);
    }

    /// <summary>
    /// A latitude (<c>ddmm.mmmm</c>) or longitude (<c>dddmm.mmmm</c>): the last two digits before the point are whole
    /// minutes, the one to three before them whole degrees, the fraction any number of digits (or none). Minutes must be
    /// below 60; the range of the degrees is the validator's business.
    /// </summary>
    public static bool TryParseDegreesMinutes(ReadOnlySpan<byte> field, out int degrees, out double minutes)
    {
        degrees = 0;
        minutes = 0;
        var point = field.IndexOf((byte)'.');
        var whole = point < 0 ? field : field[..point];
        if (whole.Length is < 3 or > 5)
        {
            return false;
        }

        var value = 0;
        foreach (var b in whole)
        {
            var digit = (uint)(b - '0');
            if (digit > 9)
            {
                return false;
            }

            value = (value * 10) + (int)digit;
        }

        double fraction = 0;
        if (point >= 0 && !TryParseFraction(field[(point + 1)..], out fraction))
        {
            return false;
        }

        degrees = value / 100;
        var wholeMinutes = value % 100;
        minutes = wholeMinutes + fraction;
        return wholeMinutes < 60;
    }

    /// <summary>
    /// A decimal number: digits with at most one point (<c>22.4</c>, <c>022.4</c>, <c>5.</c>, <c>.5</c>), and a leading
    /// minus when <paramref name="signed"/> (altitude). No exponent, no plus, no spaces.
    /// </summary>
    public static bool TryParseDecimal(ReadOnlySpan<byte> field, bool signed, out double value)
    {
        value = 0;
        var negative = signed && field.Length > 0 && field[0] == (byte)'-';
        var digits = negative ? field[1..] : field;
        long mantissa = 0;
        var count = 0;
        var decimals = 0;
        var point = false;
        foreach (var b in digits)
        {
            if (b == (byte)'.')
            {
                if (point)
                {
                    return false;
                }

                point = true;
                continue;
            }

            var digit = (uint)(b - '0');
            if (digit > 9)
            {
                return false;
            }

            if (++count <= ExactDigits)
            {
                mantissa = (mantissa * 10) + digit;
                decimals += point ? 1 : 0;
            }
        }

        if (count == 0)
        {
            return false;
        }

        if (count > ExactDigits)
        {
            // Rare (a survey receiver's long fraction): the text is already known to be plain decimal, so the framework's
            // parser reads it with the same meaning, rounding correctly.
            return double.TryParse(field, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value);
        }

        value = mantissa / PowersOfTen[decimals];
        value = negative ? -value : value;
        return true;
    }

    /// <summary>A count of one to three digits (satellites in use: <c>8</c>, <c>08</c>, <c>12</c>).</summary>
    public static bool TryParseCount(ReadOnlySpan<byte> field, out int value)
    {
        value = 0;
        if (field.Length is < 1 or > 3)
        {
            return false;
        }

        foreach (var b in field)
        {
            var digit = (uint)(b - '0');
            if (digit > 9)
            {
                return false;
            }

            value = (value * 10) + (int)digit;
        }

        return true;
    }

    /// <summary>The digits after a decimal point as a fraction 0 ≤ f &lt; 1; digits past the fifteenth add nothing a double can hold.</summary>
    private static bool TryParseFraction(ReadOnlySpan<byte> digits, out double fraction)
    {
        fraction = 0;
        long mantissa = 0;
        var used = 0;
        foreach (var b in digits)
        {
            var digit = (uint)(b - '0');
            if (digit > 9)
            {
                return false;
            }

            if (used < ExactDigits)
            {
                mantissa = (mantissa * 10) + digit;
                used++;
            }
        }

        fraction = mantissa / PowersOfTen[used];
        return true;
    }

    private static bool TryParseTwoDigits(ReadOnlySpan<byte> field, int at, out int value)
    {
        var tens = (uint)(field[at] - '0');
        var ones = (uint)(field[at + 1] - '0');
        value = (int)((tens * 10) + ones);
        return tens <= 9 && ones <= 9;
    }
}

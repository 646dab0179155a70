using System.Globalization;

namespace Tracking.Storage.Maps;

/// <summary>
/// Reads an OpenStreetMap <c>maxspeed</c> value into metres per second. Thread-safe: pure.
/// </summary>
/// <remarks>
/// Forms understood (OSM wiki, Key:maxspeed): a bare number is km/h (<c>"50"</c>); a number with
/// a unit, with or without a space (<c>"30 mph"</c>, <c>"50 km/h"</c>, <c>"50kmh"</c>, <c>"50 kph"</c>,
/// <c>"10 knots"</c>); the UK's implicit national limits (<c>"GB:nsl_single"</c> 60 mph,
/// <c>"GB:nsl_dual"</c> and <c>"GB:motorway"</c> 70 mph); and of a list (<c>"40;50"</c>) the first.
/// Anything else (<c>"none"</c>, <c>"signals"</c>, <c>"walk"</c>, zero, garbage) gives null: the caller
/// uses the road class's default speed.
/// </remarks>
public static class OsmSpeed
{
    private const double MetresPerSecondPerMph = 0.44704;
    private const double MetresPerSecondPerKmh = 1 / 3.6;
    private const double MetresPerSecondPerKnot = 1852.0 / 3600;

    /// <summary>The speed in m/s, or null when the value is absent or not a usable speed.</summary>
    public static double? Parse(string? maxspeed)
    {
        if (string.IsNullOrWhiteSpace(maxspeed))
        {
            return null;
        }

        var text = maxspeed.Trim();
        var semicolon = text.IndexOf(';', StringComparison.Ordinal);
        if (semicolon >= 0)
        {
            text = text[..semicolon].Trim();
        }

        text = text.ToLowerInvariant();
        switch (text)
        {
            case "gb:nsl_single" or "uk:nsl_single":
                return 60 * MetresPerSecondPerMph;
            case "gb:nsl_dual" or "uk:nsl_dual" or "gb:motorway" or "uk:motorway":
                return 70 * MetresPerSecondPerMph;
        }

        var end = 0;
        while (end < text.Length && (char.IsAsciiDigit(text[end]) || text[end] == '.'))
        {
            end++;
        }

        if (end == 0 || !double.TryParse(text.AsSpan(0, end), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number) || number <= 0)
        {
            return null;
        }

        double? perUnit = text[end..].Trim() switch
        {
            "" or "km/h" or "kmh" or "kph" or "kmph" => MetresPerSecondPerKmh,
            "mph" => MetresPerSecondPerMph,
            "knots" or "kn" => MetresPerSecondPerKnot,
            _ => null,
        };
        return number * perUnit;
    }
}

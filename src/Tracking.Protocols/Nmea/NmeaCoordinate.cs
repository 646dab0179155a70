namespace Tracking.Protocols.Nmea;

/// <summary>Reads one coordinate field pair: a latitude and N/S, or a longitude and E/W. Pure and thread-safe.</summary>
internal static class NmeaCoordinate
{
    public enum Outcome
    {
        Read,
        ValueEmpty,
        ValueInvalid,
        HemisphereEmpty,
        HemisphereInvalid,
    }

    /// <param name="value">ddmm.mmmm or dddmm.mmmm.</param>
    /// <param name="hemisphere">One letter: <paramref name="positive"/> or <paramref name="negative"/>.</param>
    /// <param name="positive">N for a latitude, E for a longitude.</param>
    /// <param name="negative">S for a latitude, W for a longitude.</param>
    /// <param name="degrees">Signed decimal degrees, south and west negative.</param>
    public static Outcome TryRead(ReadOnlySpan<byte> value, ReadOnlySpan<byte> hemisphere, byte positive, byte negative, out double degrees)
    {
        degrees = 0;
        if (value.IsEmpty)
        {
            return Outcome.ValueEmpty;
        }

        if (!NmeaFieldParser.TryParseDegreesMinutes(value, out var whole, out var minutes))
        {
            return Outcome.ValueInvalid;
        }

        if (hemisphere.IsEmpty)
        {
            return Outcome.HemisphereEmpty;
        }

        if (hemisphere.Length != 1 || (hemisphere[0] != positive && hemisphere[0] != negative))
        {
            return Outcome.HemisphereInvalid;
        }

        degrees = NmeaConversions.DegreesMinutesToDegrees(whole, minutes, southOrWest: hemisphere[0] == negative);
        return Outcome.Read;
    }
}

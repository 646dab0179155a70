using System.Globalization;
using System.Text;

namespace Tracking.Server.Tests.Infrastructure;

/// <summary>Binary payloads written as text, field by field, the way a TETRA gateway forwards them in hex.</summary>
internal static class BitText
{
    /// <summary>The low <paramref name="width"/> bits of <paramref name="value"/> (two's complement for negatives), most significant first.</summary>
    public static string Bits(long value, int width)
    {
        var mask = width == 64 ? -1L : (1L << width) - 1;
        return Convert.ToString(value & mask, 2).PadLeft(width, '0');
    }

    /// <summary>Bits as upper-case hex, the last byte padded with zero bits.</summary>
    public static string ToHex(string bits)
    {
        var padded = bits.PadRight((bits.Length + 7) / 8 * 8, '0');
        var hex = new StringBuilder();
        for (var i = 0; i < padded.Length; i += 8)
        {
            hex.Append(Convert.ToByte(padded.Substring(i, 8), 2).ToString("X2", CultureInfo.InvariantCulture));
        }

        return hex.ToString();
    }
}

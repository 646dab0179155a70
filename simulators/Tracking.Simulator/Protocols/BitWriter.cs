using System.Globalization;
using System.Text;

namespace Tracking.Simulator.Protocols;

/// <summary>
/// Appends fields of 0–32 bits, most significant bit first, the order TETRA LIP PDUs are written in (the mirror of the
/// server's <c>BitReader</c>). Signed fields are written as two's complement cut to their width. Not thread-safe.
/// </summary>
internal sealed class BitWriter
{
    private readonly List<byte> _bytes = [];

    /// <summary>How many bits have been written.</summary>
    public int Length { get; private set; }

    /// <summary>Appends the low <paramref name="width"/> bits of <paramref name="value"/>.</summary>
    public BitWriter Write(uint value, int width)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(width);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(width, 32);
        if (width < 32 && value >> width != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, $"does not fit in {width} bits");
        }

        for (var bit = width - 1; bit >= 0; bit--)
        {
            if ((Length & 7) == 0)
            {
                _bytes.Add(0);
            }

            if (((value >> bit) & 1) != 0)
            {
                _bytes[^1] |= (byte)(0x80 >> (Length & 7));
            }

            Length++;
        }

        return this;
    }

    /// <summary>Appends <paramref name="value"/> as a two's complement field of <paramref name="width"/> bits.</summary>
    public BitWriter WriteSigned(int value, int width)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        var min = -(1L << (width - 1));
        var max = (1L << (width - 1)) - 1;
        if (value < min || value > max)
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, $"does not fit in {width} signed bits");
        }

        var mask = width == 32 ? uint.MaxValue : (1u << width) - 1;
        return Write(unchecked((uint)value) & mask, width);
    }

    /// <summary>The bits, the last byte padded with zeros.</summary>
    public byte[] ToArray() => [.. _bytes];

    /// <summary>
    /// The bits as upper-case hex text, as a radio's PEI prints SDS user data: one digit per 4 bits, the last one padded
    /// with zeros, so a 76-bit short report is exactly 19 digits.
    /// </summary>
    public string ToHex()
    {
        var digits = (Length + 3) / 4;
        var text = new StringBuilder(digits);
        for (var i = 0; i < digits; i++)
        {
            var b = _bytes[i / 2];
            var nibble = i % 2 == 0 ? b >> 4 : b & 0x0F;
            text.Append(nibble.ToString("X", CultureInfo.InvariantCulture));
        }

        return text.ToString();
    }
}

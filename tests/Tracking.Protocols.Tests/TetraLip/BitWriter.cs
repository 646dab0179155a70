using System.Globalization;
using System.Text;

namespace Tracking.Protocols.Tests.TetraLip;

/// <summary>
/// Builds a bit string field by field, most significant bit first, the way ETSI TS 100 392-18-1 lays out a LIP PDU,
/// so tests state each field's value and width instead of pasting opaque hex. Refuses a value that does not fit its width.
/// </summary>
internal sealed class BitWriter
{
    private readonly List<bool> _bits = [];

    /// <summary>How many bits have been written.</summary>
    public int Length => _bits.Count;

    /// <summary>Appends <paramref name="value"/> as an unsigned field of <paramref name="width"/> bits.</summary>
    public BitWriter Bits(long value, int width)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(width, 62);
        if (value < 0 || value >= 1L << width)
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, $"does not fit in {width} bits");
        }

        for (var bit = width - 1; bit >= 0; bit--)
        {
            _bits.Add(((value >> bit) & 1) == 1);
        }

        return this;
    }

    /// <summary>Appends <paramref name="value"/> as a two's complement field of <paramref name="width"/> bits.</summary>
    public BitWriter Signed(long value, int width)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(width, 62);
        var limit = 1L << (width - 1);
        if (value < -limit || value >= limit)
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, $"does not fit in {width} bits two's complement");
        }

        return Bits(value & ((1L << width) - 1), width);
    }

    /// <summary>Appends every bit written to <paramref name="other"/>.</summary>
    public BitWriter Append(BitWriter other)
    {
        ArgumentNullException.ThrowIfNull(other);
        _bits.AddRange(other._bits);
        return this;
    }

    /// <summary>The first <paramref name="length"/> bits, as a new writer (a PDU cut off by a faulty link).</summary>
    public BitWriter Take(int length)
    {
        var taken = new BitWriter();
        taken._bits.AddRange(_bits.Take(length));
        return taken;
    }

    /// <summary>The bits packed into bytes, the last byte padded with 0 bits.</summary>
    public byte[] ToBytes()
    {
        var bytes = new byte[(_bits.Count + 7) / 8];
        for (var i = 0; i < _bits.Count; i++)
        {
            if (_bits[i])
            {
                bytes[i / 8] |= (byte)(0x80 >> (i % 8));
            }
        }

        return bytes;
    }

    /// <summary>The bits as upper-case hex digits, the last digit padded with 0 bits (19 digits for 76 bits), as a PEI prints them.</summary>
    public string ToHex()
    {
        var text = new StringBuilder();
        for (var i = 0; i < _bits.Count; i += 4)
        {
            var nibble = 0;
            for (var j = 0; j < 4; j++)
            {
                nibble = (nibble << 1) | (i + j < _bits.Count && _bits[i + j] ? 1 : 0);
            }

            text.Append(nibble.ToString("X", CultureInfo.InvariantCulture));
        }

        return text.ToString();
    }
}

using System.Buffers.Binary;

namespace Tracking.Protocols.TetraLip;

/// <summary>
/// Reads fields of 0–32 bits, most significant bit first, from bytes whose meaningful length is counted in bits
/// (a 76-bit LIP short report fills 9½ bytes; the bits after <see cref="Length"/> are padding and are never read).
/// Bad data never throws: a read that would run past <see cref="Length"/> fails (the <c>Try</c> methods return false,
/// the others return 0), leaves <see cref="Position"/> where it was and sets <see cref="Overrun"/>, which stays set.
/// Only a field width outside 0–32 throws, because that is a bug in the caller, not bad input.
/// A mutable ref struct over the caller's span: one reader per decode, never shared between threads.
/// </summary>
public ref struct BitReader
{
    private readonly ReadOnlySpan<byte> _data;
    private readonly int _length;
    private int _position;

    /// <summary>Reads every bit of <paramref name="data"/>.</summary>
    public BitReader(ReadOnlySpan<byte> data)
        : this(data, checked(data.Length * 8))
    {
    }

    /// <summary>Reads the first <paramref name="bitLength"/> bits of <paramref name="data"/>.</summary>
    public BitReader(ReadOnlySpan<byte> data, int bitLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bitLength);
        ArgumentOutOfRangeException.ThrowIfGreaterThan((long)bitLength, data.Length * 8L);
        _data = data;
        _length = bitLength;
        _position = 0;
        Overrun = false;
    }

    /// <summary>How many bits may be read in all.</summary>
    public readonly int Length => _length;

    /// <summary>How many bits have been read or skipped.</summary>
    public readonly int Position => _position;

    /// <summary>How many bits are left to read.</summary>
    public readonly int RemainingBits => _length - _position;

    /// <summary>True once any read or skip asked for more bits than remained; it stays true.</summary>
    public bool Overrun { readonly get; private set; }

    /// <summary>Reads an unsigned field of <paramref name="count"/> (0–32) bits, or fails without moving.</summary>
    public bool TryReadBits(int count, out uint value)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, 32);
        if (count > RemainingBits)
        {
            Overrun = true;
            value = 0;
            return false;
        }

        value = Extract(count);
        _position += count;
        return true;
    }

    /// <summary>Reads an unsigned field of <paramref name="count"/> (0–32) bits; 0 and <see cref="Overrun"/> when too few remain.</summary>
    public uint ReadBits(int count) => TryReadBits(count, out var value) ? value : 0;

    /// <summary>Reads a two's complement field of <paramref name="count"/> (1–32) bits, or fails without moving.</summary>
    public bool TryReadSigned(int count, out int value)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        if (!TryReadBits(count, out var raw))
        {
            value = 0;
            return false;
        }

        // Move the field's sign bit to bit 31, then shift back arithmetically to extend it.
        var unused = 32 - count;
        value = (int)(raw << unused) >> unused;
        return true;
    }

    /// <summary>Reads a two's complement field of <paramref name="count"/> (1–32) bits; 0 and <see cref="Overrun"/> when too few remain.</summary>
    public int ReadSigned(int count) => TryReadSigned(count, out var value) ? value : 0;

    /// <summary>Moves past <paramref name="count"/> bits, or fails without moving.</summary>
    public bool TrySkip(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (count > RemainingBits)
        {
            Overrun = true;
            return false;
        }

        _position += count;
        return true;
    }

    /// <summary>Moves past <paramref name="count"/> bits; sets <see cref="Overrun"/> and stays put when too few remain.</summary>
    public void Skip(int count) => TrySkip(count);

    /// <summary>The <paramref name="count"/> bits at <see cref="Position"/>; the caller has checked they are there.</summary>
    private readonly uint Extract(int count)
    {
        if (count == 0)
        {
            return 0;
        }

        // A field of up to 32 bits starting anywhere in a byte spans at most 5 bytes. With 8 bytes left in the span
        // (a caller that pads its buffer always has them) one big-endian load holds it; otherwise gather byte by byte.
        var first = _position >> 3;
        var offset = _position & 7;
        if (_data.Length - first >= sizeof(ulong))
        {
            var word = BinaryPrimitives.ReadUInt64BigEndian(_data[first..]);
            return (uint)((word << offset) >> (64 - count));
        }

        var bytes = (offset + count + 7) >> 3;
        ulong window = 0;
        for (var i = 0; i < bytes; i++)
        {
            window = (window << 8) | _data[first + i];
        }

        window >>= (bytes * 8) - offset - count;
        return (uint)(window & ((1UL << count) - 1));
    }
}

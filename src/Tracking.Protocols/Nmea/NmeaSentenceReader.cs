using System.Buffers;
using System.Buffers.Binary;

namespace Tracking.Protocols.Nmea;

/// <summary>
/// Framing, kept apart from decoding: finds the sentences of one message and checks each checksum.
/// NMEA 0183 sentence format: <c>$</c>, the address (talker + sentence formatter), comma-separated fields, <c>*hh</c>
/// (two hex digits: the XOR of every byte between <c>$</c> and <c>*</c>), then CR LF.
/// A sentence starts at <c>$</c> and ends at CR, LF, the next <c>$</c> or the end of the message. Bytes outside a
/// sentence (blank lines, whitespace, line noise, a TAG block before the <c>$</c>, bytes after the checksum) are
/// skipped: a listener resynchronises on the start delimiter. The 82-character limit of the standard is not enforced,
/// because survey receivers exceed it with eight-decimal minutes.
/// A mutable ref struct over the caller's bytes: use on one thread.
/// </summary>
internal ref struct NmeaSentenceReader
{
    private static readonly SearchValues<byte> SentenceEnds = SearchValues.Create("\r\n$"u8);

    private ReadOnlySpan<byte> _rest;

    public NmeaSentenceReader(ReadOnlySpan<byte> message) => _rest = message;

    /// <summary>
    /// Reads the next sentence: <paramref name="body"/> is what lies between <c>$</c> and <c>*</c> (or the end of the
    /// sentence when there is no <c>*</c>). Returns false when no <c>$</c> is left.
    /// </summary>
    public bool TryRead(out ReadOnlySpan<byte> body, out NmeaChecksumStatus checksum)
    {
        var start = _rest.IndexOf((byte)'$');
        if (start < 0)
        {
            _rest = default;
            body = default;
            checksum = default;
            return false;
        }

        var sentence = _rest[(start + 1)..];
        var end = sentence.IndexOfAny(SentenceEnds);
        if (end >= 0)
        {
            _rest = sentence[end..];
            sentence = sentence[..end];
        }
        else
        {
            _rest = default;
        }

        var star = sentence.IndexOf((byte)'*');
        if (star < 0)
        {
            body = sentence;
            checksum = NmeaChecksumStatus.Missing;
            return true;
        }

        body = sentence[..star];
        var field = sentence[(star + 1)..];
        var high = field.Length >= 2 ? HexValue(field[0]) : -1;
        var low = field.Length >= 2 ? HexValue(field[1]) : -1;
        if (high < 0 || low < 0 || (field.Length > 2 && char.IsAsciiLetterOrDigit((char)field[2])))
        {
            // "*6" or "*6G" is no checksum, and "*6A7" is not a two-digit one: refuse rather than guess which digits count.
            checksum = NmeaChecksumStatus.Malformed;
            return true;
        }

        checksum = ((high << 4) | low) == Compute(body) ? NmeaChecksumStatus.Valid : NmeaChecksumStatus.Mismatch;
        return true;
    }

    /// <summary>The NMEA checksum: the XOR of every byte of <paramref name="body"/>.</summary>
    public static int Compute(ReadOnlySpan<byte> body)
    {
        // XOR is bytewise, so eight bytes at a time folded down to one gives the same result as a byte loop.
        ulong wide = 0;
        var i = 0;
        for (; i + sizeof(ulong) <= body.Length; i += sizeof(ulong))
        {
            wide ^= BinaryPrimitives.ReadUInt64LittleEndian(body[i..]);
        }

        wide ^= wide >> 32;
        wide ^= wide >> 16;
        wide ^= wide >> 8;
        var sum = (int)(wide & 0xFF);
        for (; i < body.Length; i++)
        {
            sum ^= body[i];
        }

        return sum;
    }

    /// <summary>The value of one hex digit; the standard writes upper case, lower case is accepted as the same value.</summary>
    private static int HexValue(byte digit) => digit switch
    {
        >= (byte)'0' and <= (byte)'9' => digit - '0',
        >= (byte)'A' and <= (byte)'F' => digit - 'A' + 10,
        >= (byte)'a' and <= (byte)'f' => digit - 'a' + 10,
        _ => -1,
    };
}

using System.Buffers.Binary;

namespace Tracking.Storage.Tracks;

/// <summary>
/// The points of a chunk as bytes: the first time as 8 bytes of microseconds since 0001-01-01 UTC, each later time as the
/// microseconds since the one before (an unsigned LEB128 varint: 4 bytes at one fix per 10 s), and every position as its
/// two IEEE doubles, so a point read back is bit for bit the fix stored.
/// </summary>
public static class TrackChunkCodec
{
    private const int PositionBytes = 16;

    /// <summary>The points (in increasing time) as bytes.</summary>
    public static byte[] Encode(ReadOnlySpan<StoredPoint> points)
    {
        if (points.IsEmpty)
        {
            return [];
        }

        var buffer = new byte[8 + (points.Length * (10 + PositionBytes))];
        var at = 0;
        var previous = 0L;
        for (var i = 0; i < points.Length; i++)
        {
            var micros = points[i].Ticks / TimeSpan.TicksPerMicrosecond;
            if (i == 0)
            {
                BinaryPrimitives.WriteInt64LittleEndian(buffer.AsSpan(at), micros);
                at += 8;
            }
            else
            {
                if (micros <= previous)
                {
                    throw new ArgumentException("Points must be in increasing time.", nameof(points));
                }

                at += WriteVarint(buffer.AsSpan(at), (ulong)(micros - previous));
            }

            previous = micros;
            BinaryPrimitives.WriteDoubleLittleEndian(buffer.AsSpan(at), points[i].Longitude);
            BinaryPrimitives.WriteDoubleLittleEndian(buffer.AsSpan(at + 8), points[i].Latitude);
            at += PositionBytes;
        }

        return buffer[..at];
    }

    /// <summary>Appends the points held by <paramref name="bytes"/> to <paramref name="points"/>.</summary>
    public static void Decode(ReadOnlySpan<byte> bytes, List<StoredPoint> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        var at = 0;
        var micros = 0L;
        while (at < bytes.Length)
        {
            if (at == 0)
            {
                micros = BinaryPrimitives.ReadInt64LittleEndian(bytes);
                at = 8;
            }
            else
            {
                micros += (long)ReadVarint(bytes, ref at);
            }

            var longitude = BinaryPrimitives.ReadDoubleLittleEndian(bytes[at..]);
            var latitude = BinaryPrimitives.ReadDoubleLittleEndian(bytes[(at + 8)..]);
            at += PositionBytes;
            points.Add(new StoredPoint(micros * TimeSpan.TicksPerMicrosecond, longitude, latitude));
        }
    }

    private static int WriteVarint(Span<byte> destination, ulong value)
    {
        var written = 0;
        while (value >= 0x80)
        {
            destination[written++] = (byte)(value | 0x80);
            value >>= 7;
        }

        destination[written++] = (byte)value;
        return written;
    }

    private static ulong ReadVarint(ReadOnlySpan<byte> bytes, ref int at)
    {
        var value = 0UL;
        for (var shift = 0; ; shift += 7)
        {
            if (shift > 63)
            {
                throw new FormatException("A time step of a track chunk is longer than 64 bits.");
            }

            var next = bytes[at++];
            value |= (ulong)(next & 0x7f) << shift;
            if (next < 0x80)
            {
                return value;
            }
        }
    }
}

using System.Buffers.Binary;

namespace Tracking.Storage.Fixes;

/// <summary>
/// A lon/lat point as PostGIS's extended WKB (little-endian, type 1 with the SRID flag 0x20000000, SRID 4326): the bytes
/// binary COPY hands to <c>geometry_recv</c> as they are for a <c>geometry(Point, 4326)</c> column.
/// </summary>
public static class EwkbPoint
{
    public const int Length = 25;

    /// <summary>Writes the point into <paramref name="buffer"/> (at least <see cref="Length"/> bytes) and returns it.</summary>
    public static byte[] Write(byte[] buffer, double longitude, double latitude)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        buffer[0] = 1;
        BinaryPrimitives.WriteUInt32LittleEndian(buffer.AsSpan(1), 0x2000_0001);
        BinaryPrimitives.WriteInt32LittleEndian(buffer.AsSpan(5), 4326);
        BinaryPrimitives.WriteDoubleLittleEndian(buffer.AsSpan(9), longitude);
        BinaryPrimitives.WriteDoubleLittleEndian(buffer.AsSpan(17), latitude);
        return buffer;
    }
}

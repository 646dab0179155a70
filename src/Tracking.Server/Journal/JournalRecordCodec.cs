using System.Buffers;
using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;
using Tracking.Core.Fixes;

namespace Tracking.Server.Journal;

/// <summary>
/// The journal's record format, one fix per record, little-endian:
/// <code>
/// u32 body length | u32 CRC-32 of body | body
/// body: u8 format (1) | u8 source | i64 device time (UTC ticks) | i64 received (UTC ticks)
///       | f64 latitude | f64 longitude
///       | u8 flags (1 speed, 2 heading, 4 accuracy, 8 altitude, 16 satellites, 32 hdop, 64 battery: present; 128 emergency)
///       | f64 for each present optional, in that order | u8 device id length | device id (ASCII)
/// </code>
/// The CRC finds a record torn by a crash; a torn record was never acknowledged, so it is dropped.
/// </summary>
internal static class JournalRecordCodec
{
    public const int HeaderLength = 8;
    private const byte Format = 1;
    private const int FixedBodyLength = 1 + 1 + 8 + 8 + 8 + 8 + 1;

    private const byte EmergencyFlag = 128;

    /// <summary>Largest possible record: header, fixed part, seven optionals and a 64-character id.</summary>
    public const int MaxRecordLength = HeaderLength + FixedBodyLength + (7 * 8) + 1 + DeviceIds.MaxLength;

    public static void Write(IBufferWriter<byte> output, Fix fix)
    {
        var span = output.GetSpan(MaxRecordLength);
        var body = span[HeaderLength..];
        body[0] = Format;
        body[1] = (byte)fix.Source;
        BinaryPrimitives.WriteInt64LittleEndian(body[2..], fix.DeviceTime.UtcTicks);
        BinaryPrimitives.WriteInt64LittleEndian(body[10..], fix.ReceivedAt.UtcTicks);
        BinaryPrimitives.WriteDoubleLittleEndian(body[18..], fix.Latitude);
        BinaryPrimitives.WriteDoubleLittleEndian(body[26..], fix.Longitude);
        var at = FixedBodyLength;
        byte flags = 0;
        WriteOptional(body, ref at, ref flags, 1, fix.Speed);
        WriteOptional(body, ref at, ref flags, 2, fix.Heading);
        WriteOptional(body, ref at, ref flags, 4, fix.Accuracy);
        WriteOptional(body, ref at, ref flags, 8, fix.Altitude);
        WriteOptional(body, ref at, ref flags, 16, fix.Satellites);
        WriteOptional(body, ref at, ref flags, 32, fix.Hdop);
        WriteOptional(body, ref at, ref flags, 64, fix.Battery);
        if (fix.Emergency)
        {
            flags |= EmergencyFlag;
        }

        body[34] = flags;
        var idLength = Encoding.ASCII.GetBytes(fix.DeviceId, body[(at + 1)..]);
        body[at] = (byte)idLength;
        at += 1 + idLength;

        BinaryPrimitives.WriteUInt32LittleEndian(span, (uint)at);
        BinaryPrimitives.WriteUInt32LittleEndian(span[4..], Crc32.HashToUInt32(body[..at]));
        output.Advance(HeaderLength + at);
    }

    private static void WriteOptional(Span<byte> body, ref int at, ref byte flags, byte flag, double? value)
    {
        if (value is { } v)
        {
            BinaryPrimitives.WriteDoubleLittleEndian(body[at..], v);
            at += 8;
            flags |= flag;
        }
    }

    /// <summary>
    /// Reads the record at the start of <paramref name="data"/>. Returns its total length, 0 when the data holds
    /// only part of a record, or −1 when the bytes are not a valid record (torn or corrupt).
    /// </summary>
    public static int TryRead(ReadOnlySpan<byte> data, Func<string, string> internId, out Fix? fix)
    {
        fix = null;
        if (data.Length < HeaderLength)
        {
            return 0;
        }

        var length = BinaryPrimitives.ReadUInt32LittleEndian(data);
        if (length is < FixedBodyLength + 2 or > MaxRecordLength - HeaderLength)
        {
            return -1;
        }

        if (data.Length < HeaderLength + (int)length)
        {
            return 0;
        }

        var body = data.Slice(HeaderLength, (int)length);
        if (Crc32.HashToUInt32(body) != BinaryPrimitives.ReadUInt32LittleEndian(data[4..]) || body[0] != Format)
        {
            return -1;
        }

        var flags = body[34];
        var at = FixedBodyLength;
        var speed = ReadOptional(body, ref at, flags, 1);
        var heading = ReadOptional(body, ref at, flags, 2);
        var accuracy = ReadOptional(body, ref at, flags, 4);
        var altitude = ReadOptional(body, ref at, flags, 8);
        var satellites = ReadOptional(body, ref at, flags, 16);
        var hdop = ReadOptional(body, ref at, flags, 32);
        var battery = ReadOptional(body, ref at, flags, 64);
        var idLength = body[at];
        if (at + 1 + idLength != body.Length)
        {
            return -1;
        }

        fix = new Fix
        {
            Source = (FixSource)body[1],
            DeviceTime = new DateTimeOffset(BinaryPrimitives.ReadInt64LittleEndian(body[2..]), TimeSpan.Zero),
            ReceivedAt = new DateTimeOffset(BinaryPrimitives.ReadInt64LittleEndian(body[10..]), TimeSpan.Zero),
            Latitude = BinaryPrimitives.ReadDoubleLittleEndian(body[18..]),
            Longitude = BinaryPrimitives.ReadDoubleLittleEndian(body[26..]),
            Speed = speed,
            Heading = heading,
            Accuracy = accuracy,
            Altitude = altitude,
            Satellites = (int?)satellites,
            Hdop = hdop,
            Battery = battery,
            Emergency = (flags & EmergencyFlag) != 0,
            DeviceId = internId(Encoding.ASCII.GetString(body.Slice(at + 1, idLength))),
        };
        return HeaderLength + (int)length;
    }

    private static double? ReadOptional(ReadOnlySpan<byte> body, ref int at, byte flags, byte flag)
    {
        if ((flags & flag) == 0)
        {
            return null;
        }

        var value = BinaryPrimitives.ReadDoubleLittleEndian(body[at..]);
        at += 8;
        return value;
    }
}

using System.Buffers;
using System.Buffers.Binary;
using System.IO.Hashing;
using Tracking.Core.Fixes;
using Tracking.Server.Journal;

namespace Tracking.Server.Tests.Journal;

public sealed class JournalRecordCodecTests
{
    private static readonly string LongestId = new string('d', DeviceIds.MaxLength - 10) + "0123456789";

    private static byte[] Encode(Fix fix)
    {
        var buffer = new ArrayBufferWriter<byte>();
        JournalRecordCodec.Write(buffer, fix);
        return buffer.WrittenSpan.ToArray();
    }

    private static Fix Full(string deviceId) => new()
    {
        DeviceId = deviceId,
        DeviceTime = new DateTimeOffset(2025, 3, 14, 9, 26, 53, 589, TimeSpan.Zero).AddTicks(7),
        ReceivedAt = new DateTimeOffset(2025, 3, 14, 9, 26, 54, 12, TimeSpan.Zero).AddTicks(3),
        Latitude = -33.8688197,
        Longitude = 151.2092955,
        Speed = 13.42,
        Heading = 359.99,
        Accuracy = 4.8,
        Altitude = -12.5,
        Satellites = 11,
        Hdop = 0.9,
        Battery = 87.5,
        Emergency = true,
        Source = FixSource.OsmAnd,
    };

    private static Fix Bare(string deviceId) => new()
    {
        DeviceId = deviceId,
        DeviceTime = new DateTimeOffset(2024, 12, 31, 23, 59, 59, TimeSpan.Zero),
        ReceivedAt = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero),
        Latitude = 52.6369012,
        Longitude = -1.1398456,
        Source = FixSource.TetraLip,
    };

    public static TheoryData<string> Shapes() => ["all optionals", "no optionals", "speed only", "heading and altitude", "accuracy only"];

    private static Fix Shape(string shape) => shape switch
    {
        "all optionals" => Full(LongestId),
        "no optionals" => Bare("a"),
        "speed only" => Bare("unit-7") with { Speed = 0 },
        "heading and altitude" => Bare("unit.8") with { Heading = 0, Altitude = 8848.86 },
        "accuracy only" => Bare("UNIT_9") with { Accuracy = 1e-3 },
        _ => throw new ArgumentOutOfRangeException(nameof(shape)),
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void A_written_fix_reads_back_equal_in_every_field(string shape)
    {
        var fix = Shape(shape);
        var record = Encode(fix);

        var length = JournalRecordCodec.TryRead(record, id => id, out var read);

        Assert.Equal(record.Length, length);
        Assert.NotNull(read);
        Assert.Equal(fix, read);
        Assert.Equal(fix.Speed, read.Speed);
        Assert.Equal(fix.Heading, read.Heading);
        Assert.Equal(fix.Accuracy, read.Accuracy);
        Assert.Equal(fix.Altitude, read.Altitude);
        Assert.Equal(fix.DeviceTime.UtcTicks, read.DeviceTime.UtcTicks);
        Assert.Equal(TimeSpan.Zero, read.DeviceTime.Offset);
        Assert.Equal(fix.ReceivedAt.UtcTicks, read.ReceivedAt.UtcTicks);
    }

    [Fact]
    public void The_longest_record_is_exactly_MaxRecordLength()
    {
        Assert.Equal(DeviceIds.MaxLength, LongestId.Length);

        Assert.Equal(JournalRecordCodec.MaxRecordLength, Encode(Full(LongestId)).Length);
    }

    [Fact]
    public void Every_fix_source_survives_the_round_trip()
    {
        foreach (var source in Enum.GetValues<FixSource>())
        {
            var fix = Bare("src") with { Source = source };

            JournalRecordCodec.TryRead(Encode(fix), id => id, out var read);

            Assert.Equal(source, read?.Source);
        }
    }

    [Fact]
    public void A_fix_in_another_offset_reads_back_as_the_same_instant_in_UTC()
    {
        var fix = Bare("tz") with { DeviceTime = new DateTimeOffset(2025, 6, 1, 14, 0, 0, TimeSpan.FromHours(2)) };

        JournalRecordCodec.TryRead(Encode(fix), id => id, out var read);

        Assert.Equal(new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero), read?.DeviceTime);
        Assert.Equal(TimeSpan.Zero, read?.DeviceTime.Offset);
    }

    [Fact]
    public void The_device_id_goes_through_the_intern_function()
    {
        var interned = string.Concat("unit-", "42");
        var seen = new List<string>();

        JournalRecordCodec.TryRead(Encode(Bare("unit-42")), id =>
        {
            seen.Add(id);
            return interned;
        }, out var read);

        Assert.Equal(["unit-42"], seen);
        Assert.Same(interned, read?.DeviceId);
    }

    [Fact]
    public void Every_proper_prefix_of_a_record_is_a_partial_record()
    {
        var record = Encode(Full(LongestId));

        for (var length = 0; length < record.Length; length++)
        {
            Assert.Equal(0, JournalRecordCodec.TryRead(record.AsSpan(0, length), id => id, out var fix));
            Assert.Null(fix);
        }
    }

    [Fact]
    public void Two_records_back_to_back_are_read_one_at_a_time()
    {
        var first = Full("first");
        var second = Bare("second");
        var buffer = new ArrayBufferWriter<byte>();
        JournalRecordCodec.Write(buffer, first);
        var firstLength = buffer.WrittenCount;
        JournalRecordCodec.Write(buffer, second);
        var data = buffer.WrittenSpan.ToArray();

        var length = JournalRecordCodec.TryRead(data, id => id, out var readFirst);
        var secondLength = JournalRecordCodec.TryRead(data.AsSpan(length), id => id, out var readSecond);

        Assert.Equal(firstLength, length);
        Assert.Equal(first, readFirst);
        Assert.Equal(data.Length - firstLength, secondLength);
        Assert.Equal(second, readSecond);
    }

    public static TheoryData<string, byte[]> Garbage() => new()
    {
        { "zeros, as a file extended by a crash", new byte[64] },
        { "0xFF bytes", Enumerable.Repeat((byte)0xFF, 64).ToArray() },
        { "a length below the smallest body", [10, 0, 0, 0, 1, 2, 3, 4, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1] },
        { "a length above the largest record", [0, 1, 0, 0, 1, 2, 3, 4, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1] },
        { "text", "{\"lat\":52.6,\"lon\":-1.1,\"t\":1700000000000}"u8.ToArray() },
    };

    [Theory]
    [MemberData(nameof(Garbage))]
    public void Bytes_that_are_no_record_are_garbage(string what, byte[] data)
    {
        Assert.NotNull(what);

        Assert.Equal(-1, JournalRecordCodec.TryRead(data, id => id, out var fix));
        Assert.Null(fix);
    }

    [Theory]
    [InlineData(4)]
    [InlineData(8)]
    [InlineData(20)]
    [InlineData(43)]
    public void A_record_with_one_flipped_bit_fails_its_CRC(int at)
    {
        var record = Encode(Full("crc"));
        record[at] ^= 0x10;

        Assert.Equal(-1, JournalRecordCodec.TryRead(record, id => id, out var fix));
        Assert.Null(fix);
    }

    [Fact]
    public void A_record_whose_device_id_length_disagrees_with_its_length_is_garbage_even_with_a_valid_CRC()
    {
        var record = Encode(Bare("abcdef"));
        var idLengthAt = record.Length - "abcdef".Length - 1;
        Assert.Equal(6, record[idLengthAt]);
        record[idLengthAt] = 5;
        BinaryPrimitives.WriteUInt32LittleEndian(record.AsSpan(4), Crc32.HashToUInt32(record.AsSpan(JournalRecordCodec.HeaderLength)));

        Assert.Equal(-1, JournalRecordCodec.TryRead(record, id => id, out var fix));
        Assert.Null(fix);
    }

    [Fact]
    public void A_record_of_an_unknown_format_is_garbage_even_with_a_valid_CRC()
    {
        var record = Encode(Bare("format"));
        record[JournalRecordCodec.HeaderLength] = 2;
        BinaryPrimitives.WriteUInt32LittleEndian(record.AsSpan(4), Crc32.HashToUInt32(record.AsSpan(JournalRecordCodec.HeaderLength)));

        Assert.Equal(-1, JournalRecordCodec.TryRead(record, id => id, out var fix));
        Assert.Null(fix);
    }
}

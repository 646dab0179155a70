using Tracking.Storage.Tracks;

namespace Tracking.Storage.Tests.Tracks;

public class TrackChunkerTests
{
    // Leicester; 0.001° of latitude is 111 m, of longitude here 68 m.
    private const double Lat = 52.63;
    private const double Lon = -1.13;
    private static readonly DateTimeOffset Noon = new(2026, 11, 20, 12, 0, 0, TimeSpan.Zero);

    private static StoredPoint At(DateTimeOffset time, double lat = Lat, double lon = Lon) => new(time.UtcTicks, lon, lat);

    private static List<TrackChunk> Cut(List<StoredPoint> points, int firstOwn = 0)
    {
        var chunks = new List<TrackChunk>();
        TrackChunker.Cut(points, firstOwn, chunks);
        return chunks;
    }

    [Fact]
    public void A_parked_hour_and_a_half_at_one_fix_per_10_s_makes_chunks_of_360_each_led_by_the_fix_before()
    {
        var points = Enumerable.Range(0, 540).Select(i => At(Noon.AddSeconds(10 * i))).ToList();

        var chunks = Cut(points);

        Assert.Equal([360, 180], chunks.Select(c => c.OwnFixes));
        Assert.False(chunks[0].StartsWithPredecessor);
        Assert.True(chunks[1].StartsWithPredecessor);
        Assert.Equal(points[359], chunks[1].Points[0]);
        Assert.Equal(points, chunks[0].Points.Concat(chunks[1].Points.Skip(1)));
    }

    [Fact]
    public void A_chunk_ends_before_the_fix_that_would_make_it_more_than_a_kilometre_tall()
    {
        // Northwards at 100.2 m per fix: the 11th fix would be 1,002 m from the first, so it starts the next chunk.
        var points = Enumerable.Range(0, 15).Select(i => At(Noon.AddSeconds(10 * i), Lat + (i * 0.0009))).ToList();

        var chunks = Cut(points);

        Assert.Equal([10, 5], chunks.Select(c => c.OwnFixes));
        Assert.True(chunks[0].MaxLatitude - chunks[0].MinLatitude <= TrackChunks.ExtentMetres / 111_320);
        // The second chunk's box starts at the first chunk's last fix: it holds the segment between them.
        Assert.Equal(points[9].Latitude, chunks[1].MinLatitude);
    }

    [Fact]
    public void A_chunk_ends_before_the_fix_that_would_make_it_more_than_a_kilometre_wide_in_metres_not_degrees()
    {
        // Eastwards at 0.0014° (95 m here, 156 m at the equator) per fix: 0.0140° is 946 m, 0.0154° is 1,041 m.
        var points = Enumerable.Range(0, 13).Select(i => At(Noon.AddSeconds(10 * i), lon: Lon + (i * 0.0014))).ToList();

        var chunks = Cut(points);

        Assert.Equal([11, 2], chunks.Select(c => c.OwnFixes));
    }

    [Fact]
    public void Chunks_end_at_local_midnight_and_the_first_of_the_day_is_led_by_the_last_fix_of_the_day_before()
    {
        // British Summer Time: the local day of 1 October begins at 23:00 UTC on 30 September.
        var midnight = new DateTimeOffset(2026, 9, 30, 23, 0, 0, TimeSpan.Zero);
        var points = Enumerable.Range(-3, 6).Select(i => At(midnight.AddSeconds((10 * i) + 5))).ToList();

        var chunks = Cut(points);

        Assert.Equal([new DateOnly(2026, 9, 30), new DateOnly(2026, 10, 1)], chunks.Select(c => c.Day));
        Assert.Equal([3, 3], chunks.Select(c => c.OwnFixes));
        Assert.Equal(points[2], chunks[1].Points[0]);
    }

    [Fact]
    public void The_fix_before_leads_only_when_it_is_at_most_the_longest_segment_before()
    {
        List<StoredPoint> near = [At(Noon), At(Noon + TrackChunks.LongestSegment), At(Noon + TrackChunks.LongestSegment + TimeSpan.FromSeconds(10))];
        List<StoredPoint> far = [At(Noon), At(Noon + TrackChunks.LongestSegment + TimeSpan.FromMicroseconds(1)), At(Noon + TrackChunks.LongestSegment + TimeSpan.FromSeconds(10))];

        var led = Assert.Single(Cut(near, firstOwn: 1));
        var alone = Assert.Single(Cut(far, firstOwn: 1));

        Assert.True(led.StartsWithPredecessor);
        Assert.Equal(near, led.Points);
        Assert.False(alone.StartsWithPredecessor);
        Assert.Equal(far.Skip(1), alone.Points);
    }

    [Fact]
    public void Points_read_back_bit_for_bit_whatever_the_gaps()
    {
        StoredPoint[] points =
        [
            new(Noon.UtcTicks, -1.1398456123456789, 52.636912345678901),
            new(Noon.AddTicks(10).UtcTicks, double.Epsilon, -0.0),
            new(Noon.AddDays(40).UtcTicks, 179.99999999999997, -89.999999999999986),
            new(Noon.AddDays(40).AddSeconds(10).UtcTicks, -180, 90),
        ];

        var bytes = TrackChunkCodec.Encode(points);
        var read = new List<StoredPoint>();
        TrackChunkCodec.Decode(bytes, read);

        Assert.Equal(points, read);
        Assert.Equal(BitConverter.DoubleToInt64Bits(-0.0), BitConverter.DoubleToInt64Bits(read[1].Latitude));
        // 8 bytes for the first time, a varint for each step (1, 6 and 4 bytes here), 16 per position.
        Assert.Equal(8 + 1 + 6 + 4 + (4 * 16), bytes.Length);
    }

    [Fact]
    public void Points_out_of_time_order_are_refused()
    {
        Assert.Throws<ArgumentException>(() => TrackChunkCodec.Encode([At(Noon), At(Noon)]));
    }
}

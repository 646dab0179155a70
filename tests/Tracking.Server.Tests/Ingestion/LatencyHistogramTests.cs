using Tracking.Server.Ingestion;

namespace Tracking.Server.Tests.Ingestion;

public sealed class LatencyHistogramTests
{
    private static void AssertWithinTenPercent(TimeSpan expected, TimeSpan? actual)
    {
        Assert.NotNull(actual);
        var error = Math.Abs(actual.Value.TotalMicroseconds - expected.TotalMicroseconds) / expected.TotalMicroseconds;
        Assert.True(error <= 0.10, $"Expected about {expected.TotalMilliseconds} ms, got {actual.Value.TotalMilliseconds} ms ({error:P1} off).");
    }

    [Fact]
    public void An_empty_histogram_has_no_percentiles()
    {
        var histogram = new LatencyHistogram();

        Assert.Equal(0, histogram.Count);
        Assert.Null(histogram.Percentile(0.5));
        Assert.Null(histogram.Percentile(0.99));
        Assert.Null(histogram.Percentile(0));
        Assert.Null(histogram.Percentile(1));
    }

    [Fact]
    public void Percentiles_of_a_uniform_one_to_a_thousand_milliseconds_are_within_ten_percent()
    {
        var histogram = new LatencyHistogram();
        for (var ms = 1; ms <= 1000; ms++)
        {
            histogram.Record(TimeSpan.FromMilliseconds(ms));
        }

        Assert.Equal(1000, histogram.Count);
        AssertWithinTenPercent(TimeSpan.FromMilliseconds(500), histogram.Percentile(0.5));
        AssertWithinTenPercent(TimeSpan.FromMilliseconds(900), histogram.Percentile(0.9));
        AssertWithinTenPercent(TimeSpan.FromMilliseconds(990), histogram.Percentile(0.99));
        AssertWithinTenPercent(TimeSpan.FromMilliseconds(1000), histogram.Percentile(1));
        AssertWithinTenPercent(TimeSpan.FromMilliseconds(1), histogram.Percentile(0));
    }

    [Fact]
    public void A_percentile_is_the_upper_edge_of_its_bucket_so_it_never_understates()
    {
        var histogram = new LatencyHistogram();
        for (var ms = 1; ms <= 1000; ms++)
        {
            histogram.Record(TimeSpan.FromMilliseconds(ms));
        }

        Assert.True(histogram.Percentile(0.5) >= TimeSpan.FromMilliseconds(500));
        Assert.True(histogram.Percentile(0.99) >= TimeSpan.FromMilliseconds(990));
    }

    [Theory]
    [InlineData(0.06)]
    [InlineData(0.35)]
    [InlineData(2.5)]
    [InlineData(17)]
    [InlineData(123.4)]
    [InlineData(4_000)]
    [InlineData(60_000)]
    [InlineData(300_000)]
    public void A_single_latency_anywhere_in_the_range_is_reported_within_ten_percent(double milliseconds)
    {
        var histogram = new LatencyHistogram();
        var latency = TimeSpan.FromMilliseconds(milliseconds);

        histogram.Record(latency);

        AssertWithinTenPercent(latency, histogram.Percentile(0.5));
        AssertWithinTenPercent(latency, histogram.Percentile(0.99));
    }

    [Fact]
    public void A_skewed_distribution_has_its_tail_in_the_high_percentiles()
    {
        var histogram = new LatencyHistogram();
        for (var i = 0; i < 980; i++)
        {
            histogram.Record(TimeSpan.FromMilliseconds(2));
        }

        for (var i = 0; i < 20; i++)
        {
            histogram.Record(TimeSpan.FromSeconds(3));
        }

        AssertWithinTenPercent(TimeSpan.FromMilliseconds(2), histogram.Percentile(0.5));
        AssertWithinTenPercent(TimeSpan.FromMilliseconds(2), histogram.Percentile(0.98));
        AssertWithinTenPercent(TimeSpan.FromSeconds(3), histogram.Percentile(0.99));
    }

    [Fact]
    public void Latencies_below_the_smallest_bucket_count_in_the_first_one()
    {
        var histogram = new LatencyHistogram();

        histogram.Record(TimeSpan.Zero);
        histogram.Record(TimeSpan.FromTicks(1));
        histogram.Record(TimeSpan.FromMilliseconds(-5));

        Assert.Equal(3, histogram.Count);
        Assert.Equal(TimeSpan.FromMicroseconds(50), histogram.Percentile(1));
    }

    [Fact]
    public void Huge_latencies_are_clamped_to_the_last_bucket()
    {
        var histogram = new LatencyHistogram();
        histogram.Record(TimeSpan.FromMinutes(30));
        var last = histogram.Percentile(1);
        Assert.NotNull(last);
        Assert.InRange(last.Value, TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(30));

        histogram.Record(TimeSpan.FromDays(3650));
        histogram.Record(TimeSpan.MaxValue);

        Assert.Equal(3, histogram.Count);
        Assert.Equal(last, histogram.Percentile(0));
        Assert.Equal(last, histogram.Percentile(1));
    }

    [Fact]
    public void Reset_empties_the_histogram()
    {
        var histogram = new LatencyHistogram();
        histogram.Record(TimeSpan.FromMilliseconds(10));

        histogram.Reset();

        Assert.Equal(0, histogram.Count);
        Assert.Null(histogram.Percentile(0.5));
    }

    [Fact]
    public async Task Recordings_from_many_threads_are_all_counted()
    {
        var histogram = new LatencyHistogram();

        await Task.WhenAll(Enumerable.Range(0, 8).Select(thread => Task.Run(() =>
        {
            for (var ms = 1; ms <= 1000; ms++)
            {
                histogram.Record(TimeSpan.FromMilliseconds(ms));
            }
        }))).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(8000, histogram.Count);
        AssertWithinTenPercent(TimeSpan.FromMilliseconds(500), histogram.Percentile(0.5));
    }
}

using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Tracking.Core.Fixes;
using Tracking.Core.Validation;
using Tracking.Server.Ingestion;

namespace Tracking.Server.Tests.Ingestion;

public sealed class IngestStatsTests : IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();

    public void Dispose() => _services.Dispose();

    private IMeterFactory MeterFactory => _services.GetRequiredService<IMeterFactory>();

    private IngestStats NewStats() => new(MeterFactory);

    [Fact]
    public void Rejections_are_counted_by_reason()
    {
        var stats = NewStats();

        stats.Reject(RejectionReason.MalformedJson, "unit-1");
        stats.Reject(RejectionReason.MalformedJson, "unit-2");
        stats.Reject(RejectionReason.NullIsland, "unit-1");
        stats.Reject(RejectionReason.UnknownDevice, null);

        Assert.Equal(2, stats.Rejected(RejectionReason.MalformedJson));
        Assert.Equal(1, stats.Rejected(RejectionReason.NullIsland));
        Assert.Equal(1, stats.Rejected(RejectionReason.UnknownDevice));
        Assert.Equal(0, stats.Rejected(RejectionReason.SpeedTooHigh));
        Assert.Equal(4, stats.RejectedTotal);
    }

    [Fact]
    public void Rejections_are_counted_by_device_and_reason_name()
    {
        var stats = NewStats();

        stats.Reject(RejectionReason.MalformedJson, "unit-1");
        stats.Reject(RejectionReason.MalformedJson, "unit-1");
        stats.Reject(RejectionReason.TimeInFuture, "unit-1");
        stats.Reject(RejectionReason.SpeedTooHigh, "unit-2");

        var byDevice = stats.RejectedByDevice(10).ToDictionary(entry => entry.DeviceId, entry => entry.ByReason);
        Assert.Equal(2, byDevice.Count);
        Assert.Equal(new Dictionary<string, long> { ["malformed_json"] = 2, ["time_in_future"] = 1 }, byDevice["unit-1"]);
        Assert.Equal(new Dictionary<string, long> { ["speed_too_high"] = 1 }, byDevice["unit-2"]);
    }

    [Fact]
    public void A_rejection_without_a_device_is_counted_under_other()
    {
        var stats = NewStats();

        stats.Reject(RejectionReason.BadDeviceId, null);
        stats.Reject(RejectionReason.BadDeviceId, null);

        var (deviceId, byReason) = Assert.Single(stats.RejectedByDevice(10));
        Assert.Equal(IngestStats.OtherDevices, deviceId);
        Assert.Equal(new Dictionary<string, long> { ["bad_device_id"] = 2 }, byReason);
    }

    [Fact]
    public void RejectedByDevice_lists_the_devices_with_the_most_rejections_first_and_at_most_top()
    {
        var stats = NewStats();
        var totals = new Dictionary<string, int> { ["quiet"] = 1, ["loudest"] = 9, ["medium"] = 4, ["loud"] = 6, ["mixed"] = 5 };
        foreach (var (device, total) in totals)
        {
            for (var i = 0; i < total; i++)
            {
                stats.Reject(RejectionReasons.All[i % RejectionReasons.All.Count], device);
            }
        }

        Assert.Equal(["loudest", "loud", "mixed", "medium", "quiet"], stats.RejectedByDevice(10).Select(entry => entry.DeviceId));
        Assert.Equal(["loudest", "loud", "mixed"], stats.RejectedByDevice(3).Select(entry => entry.DeviceId));
        Assert.Equal(9, stats.RejectedByDevice(1).Single().ByReason.Values.Sum());
        Assert.Empty(stats.RejectedByDevice(0));
    }

    [Fact]
    public void The_per_device_counts_are_capped_and_new_devices_beyond_the_cap_count_under_other()
    {
        var stats = NewStats();
        for (var i = 0; i < IngestStats.MaxTrackedDevices; i++)
        {
            stats.Reject(RejectionReason.UnknownDevice, $"made-up-{i:D5}");
        }

        for (var i = 0; i < 250; i++)
        {
            stats.Reject(RejectionReason.UnknownDevice, $"flood-{i:D5}");
        }

        stats.Reject(RejectionReason.SpeedTooHigh, "made-up-00042");

        var byDevice = stats.RejectedByDevice(int.MaxValue).ToDictionary(entry => entry.DeviceId, entry => entry.ByReason);
        // Every one of the first MaxTrackedDevices devices keeps its own counts; all later ones share "(other)".
        Assert.Equal(IngestStats.MaxTrackedDevices, byDevice.Keys.Count(device => device.StartsWith("made-up-", StringComparison.Ordinal)));
        Assert.Equal(IngestStats.MaxTrackedDevices + 1, byDevice.Count);
        Assert.DoesNotContain(byDevice.Keys, device => device.StartsWith("flood-", StringComparison.Ordinal));
        Assert.Equal(new Dictionary<string, long> { ["unknown_device"] = 250 }, byDevice[IngestStats.OtherDevices]);
        Assert.Equal(new Dictionary<string, long> { ["unknown_device"] = 1, ["speed_too_high"] = 1 }, byDevice["made-up-00042"]);
        Assert.Equal(IngestStats.MaxTrackedDevices + 251, stats.RejectedTotal);
        Assert.Equal(IngestStats.OtherDevices, stats.RejectedByDevice(1).Single().DeviceId);
    }

    [Fact]
    public async Task Concurrent_rejections_are_all_counted()
    {
        var stats = NewStats();

        await Task.WhenAll(Enumerable.Range(0, 8).Select(thread => Task.Run(() =>
        {
            for (var i = 0; i < 5_000; i++)
            {
                stats.Reject(RejectionReason.InvalidField, $"unit-{i % 10}");
            }
        }))).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(40_000, stats.Rejected(RejectionReason.InvalidField));
        Assert.All(stats.RejectedByDevice(100), entry => Assert.Equal(4_000, entry.ByReason["invalid_field"]));
        Assert.Equal(10, stats.RejectedByDevice(100).Count());
    }

    [Fact]
    public void Messages_accepted_stored_and_duplicates_are_counted()
    {
        var stats = NewStats();
        var received = new DateTimeOffset(2025, 3, 14, 12, 0, 0, TimeSpan.Zero);
        Fix[] batch = [Fix(received), Fix(received.AddMilliseconds(100)), Fix(received.AddMilliseconds(200))];

        stats.Message();
        stats.Message();
        stats.Accept(3);
        stats.Store(inserted: 2, duplicates: 1, committedAt: received.AddMilliseconds(300), batch);
        stats.DeadLetterDropped();

        Assert.Equal(2, stats.Messages);
        Assert.Equal(3, stats.Accepted);
        Assert.Equal(2, stats.Stored);
        Assert.Equal(1, stats.Duplicates);
        Assert.Equal(1, stats.DeadLettersDropped);
        Assert.Equal(3, stats.CommitLatency.Count);
        var median = stats.CommitLatency.Percentile(0.5);
        Assert.NotNull(median);
        Assert.InRange(median.Value, TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(220));
    }

    [Fact]
    public void Rejections_are_published_on_the_meter_with_their_reason_name()
    {
        var factory = MeterFactory;
        var measured = new ConcurrentQueue<(long Value, object? Reason)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == IngestStats.MeterName && ReferenceEquals(instrument.Meter.Scope, factory) && instrument.Name == "tracking.ingest.fixes.rejected")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            object? reason = null;
            foreach (var tag in tags)
            {
                if (tag.Key == "reason")
                {
                    reason = tag.Value;
                }
            }

            measured.Enqueue((value, reason));
        });
        listener.Start();
        var stats = new IngestStats(factory);

        stats.Reject(RejectionReason.LatitudeOutOfRange, "unit-1");
        stats.Reject(RejectionReason.PayloadTooLarge, null);

        Assert.Equal(new (long, object?)[] { (1, "latitude_out_of_range"), (1, "payload_too_large") }, measured);
    }

    private static Fix Fix(DateTimeOffset receivedAt) => new()
    {
        DeviceId = "unit-1",
        DeviceTime = receivedAt.AddSeconds(-1),
        ReceivedAt = receivedAt,
        Latitude = 52.6,
        Longitude = -1.1,
        Source = FixSource.Native,
    };
}

using Tracking.Core.Fixes;
using Tracking.Server.Live;

namespace Tracking.Server.Tests.Live;

public sealed class LiveStateTests
{
    private static readonly DateTimeOffset Noon = new(2025, 3, 14, 12, 0, 0, TimeSpan.Zero);

    private static Fix At(string deviceId, int seconds, double latitude = 52.6369012) => new()
    {
        DeviceId = deviceId,
        DeviceTime = Noon.AddSeconds(seconds),
        ReceivedAt = Noon.AddMinutes(5),
        Latitude = latitude,
        Longitude = -1.1398456,
        Source = FixSource.Native,
    };

    [Fact]
    public void The_first_fix_of_a_device_becomes_its_position()
    {
        var live = new LiveState();
        var fix = At("unit-1", 0);

        Assert.True(live.Offer(fix));

        Assert.Same(fix, live.Get("unit-1"));
        Assert.Equal(1, live.Count);
    }

    [Fact]
    public void A_later_fix_replaces_the_position()
    {
        var live = new LiveState();
        live.Offer(At("unit-1", 0));
        var later = At("unit-1", 1, latitude: 52.7);

        Assert.True(live.Offer(later));

        Assert.Same(later, live.Get("unit-1"));
        Assert.Equal(1, live.Count);
    }

    [Fact]
    public void An_earlier_fix_arriving_late_does_not_move_the_unit_back_in_time()
    {
        var live = new LiveState();
        var current = At("unit-1", 10);
        live.Offer(current);

        Assert.False(live.Offer(At("unit-1", 9, latitude: 51)));

        Assert.Same(current, live.Get("unit-1"));
    }

    [Fact]
    public void A_fix_with_the_same_device_time_does_not_replace_the_position()
    {
        var live = new LiveState();
        var current = At("unit-1", 10);
        live.Offer(current);

        Assert.False(live.Offer(At("unit-1", 10, latitude: 51)));

        Assert.Same(current, live.Get("unit-1"));
    }

    [Fact]
    public void Device_times_are_compared_as_instants_whatever_their_offset()
    {
        var live = new LiveState();
        var current = At("unit-1", 0);
        live.Offer(current);
        // 13:00 at +02:00 is 11:00 UTC: an hour before the held noon fix, though its clock reading is later.
        var earlier = current with { DeviceTime = new DateTimeOffset(2025, 3, 14, 13, 0, 0, TimeSpan.FromHours(2)) };

        Assert.False(live.Offer(earlier));

        Assert.Same(current, live.Get("unit-1"));
    }

    [Fact]
    public void Devices_are_independent()
    {
        var live = new LiveState();
        var a = At("unit-a", 100);
        var b = At("unit-b", 1);

        live.OfferAll([a, b, At("unit-a", 50), At("unit-b", 0)]);

        Assert.Same(a, live.Get("unit-a"));
        Assert.Same(b, live.Get("unit-b"));
        Assert.Null(live.Get("unit-c"));
    }

    [Fact]
    public void Device_ids_are_case_sensitive()
    {
        var live = new LiveState();

        live.OfferAll([At("Unit-1", 0), At("unit-1", 0)]);

        Assert.Equal(2, live.Count);
    }

    [Fact]
    public void OfferAll_keeps_the_newest_fix_of_each_device_whatever_the_order()
    {
        var live = new LiveState();

        live.OfferAll([At("unit-1", 3), At("unit-1", 7), At("unit-1", 5), At("unit-1", 7, latitude: 10)]);

        Assert.Equal(Noon.AddSeconds(7), live.Get("unit-1")?.DeviceTime);
        Assert.Equal(52.6369012, live.Get("unit-1")?.Latitude);
    }

    [Fact]
    public void The_snapshot_is_ordered_by_device_id_ordinally()
    {
        var live = new LiveState();
        live.OfferAll([At("zulu", 0), At("alpha-2", 0), At("Bravo", 0), At("alpha-10", 0), At("_under", 0), At("9", 0)]);

        var snapshot = live.Snapshot();

        Assert.Equal(["9", "Bravo", "_under", "alpha-10", "alpha-2", "zulu"], snapshot.Select(fix => fix.DeviceId));
    }

    [Fact]
    public void The_snapshot_is_a_copy_that_later_offers_do_not_change()
    {
        var live = new LiveState();
        var first = At("unit-1", 0);
        live.Offer(first);
        var snapshot = live.Snapshot();

        live.Offer(At("unit-1", 1));
        live.Offer(At("unit-2", 1));

        Assert.Equal([first], snapshot);
    }

    [Fact]
    public async Task Concurrent_offers_from_many_threads_end_with_the_newest_fix_of_every_device()
    {
        const int devices = 20;
        const int fixesPerDevice = 2_000;
        const int threads = 16;
        var random = new Random(20250314);
        var all = Enumerable.Range(0, devices)
            .SelectMany(device => Enumerable.Range(0, fixesPerDevice).Select(second => At($"unit-{device:D2}", second, latitude: second * 1e-3)))
            .OrderBy(_ => random.Next())
            .ToArray();
        var live = new LiveState();
        var accepted = new int[threads];
        var newestAccepted = new bool[devices];
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var workers = Enumerable.Range(0, threads).Select(thread => Task.Run(async () =>
        {
            await go.Task;
            for (var i = thread; i < all.Length; i += threads)
            {
                if (live.Offer(all[i]))
                {
                    accepted[thread]++;
                    if (all[i].DeviceTime == Noon.AddSeconds(fixesPerDevice - 1))
                    {
                        newestAccepted[int.Parse(all[i].DeviceId.AsSpan(5), System.Globalization.CultureInfo.InvariantCulture)] = true;
                    }
                }
            }
        })).ToArray();
        go.SetResult();
        await Task.WhenAll(workers).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(devices, live.Count);
        foreach (var fix in live.Snapshot())
        {
            Assert.Equal(Noon.AddSeconds(fixesPerDevice - 1), fix.DeviceTime);
            Assert.Equal((fixesPerDevice - 1) * 1e-3, fix.Latitude);
        }

        Assert.All(newestAccepted, Assert.True);
        Assert.InRange(accepted.Sum(), devices, devices * fixesPerDevice);
    }
}

using Tracking.Core.Validation;
using Tracking.Protocols;
using Tracking.Protocols.Native;
using Tracking.Simulator.Load;

namespace Tracking.Simulator.Tests.Load;

public sealed class RandomWalkDeviceTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 25, 18, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_same_seed_gives_the_same_track()
    {
        var a = new RandomWalkDevice("veh-1", 42);
        var b = new RandomWalkDevice("veh-1", 42);

        for (var i = 1; i <= 100; i++)
        {
            Assert.Equal(a.Step(TimeSpan.FromSeconds(1), Start.AddSeconds(i)), b.Step(TimeSpan.FromSeconds(1), Start.AddSeconds(i)));
        }
    }

    [Fact]
    public void A_device_stays_in_the_force_area_at_patrol_speeds_and_every_fix_passes_validation()
    {
        var device = new RandomWalkDevice("veh-2", 7);
        var validator = new FixValidator(new FixValidationOptions());

        for (var i = 1; i <= 3600; i++)
        {
            var fix = device.Step(TimeSpan.FromSeconds(1), Start.AddSeconds(i));

            Assert.Null(validator.Validate(fix, Start.AddSeconds(i)));
            Assert.InRange(fix.Latitude, 52.55, 52.72);
            Assert.InRange(fix.Longitude, -1.28, -1.00);
            Assert.InRange(fix.Speed!.Value, 0, 20);
        }
    }

    [Fact]
    public void Load_fixes_round_trip_through_the_servers_decoder()
    {
        var fix = new RandomWalkDevice("veh-4", 11).Step(TimeSpan.FromSeconds(1), Start);
        var fixes = new List<Core.Fixes.Fix>();
        var rejections = new List<Rejection>();

        NativeFixDecoder.Decode(NativeFixEncoder.Encode(fix), new DecodeContext("veh-4", Start), fixes, rejections);

        Assert.Empty(rejections);
        var decoded = Assert.Single(fixes);
        Assert.Equal(fix.DeviceTime, decoded.DeviceTime);
        Assert.Equal(fix.Latitude, decoded.Latitude, 7);
        Assert.Equal(fix.Longitude, decoded.Longitude, 7);
    }
}

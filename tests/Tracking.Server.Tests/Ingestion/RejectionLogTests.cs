using Microsoft.Extensions.Logging;
using Tracking.Core.Validation;
using Tracking.Server.Ingestion;

namespace Tracking.Server.Tests.Ingestion;

public sealed class RejectionLogTests
{
    private const int RejectedEventId = 1001;
    private static readonly Rejection Malformed = new(RejectionReason.MalformedJson, "unexpected end of data at byte 17");
    private static readonly Rejection TooFast = new(RejectionReason.SpeedTooHigh, "spd 412 m/s");

    private readonly ManualTimeProvider _clock = new(new DateTimeOffset(2025, 3, 14, 12, 0, 0, TimeSpan.Zero));
    private readonly CapturingLogger<RejectionLog> _logger = new();

    private RejectionLog NewLog() => new(_logger, _clock);

    [Fact]
    public void The_first_rejection_of_a_device_and_reason_is_logged_with_everything_an_operator_needs()
    {
        var log = NewLog();

        log.Rejected("unit-7", "tracking/unit-7/fix", Malformed);

        var entry = Assert.Single(_logger.Entries);
        Assert.Equal(LogLevel.Warning, entry.Level);
        Assert.Equal(RejectedEventId, entry.EventId);
        Assert.Equal("unit-7", entry.Values["DeviceId"]);
        Assert.Equal("tracking/unit-7/fix", entry.Values["Topic"]);
        Assert.Equal("malformed_json", entry.Values["Reason"]);
        Assert.Equal("unexpected end of data at byte 17", entry.Values["Detail"]);
        Assert.Equal(0L, entry.Values["Suppressed"]);
        Assert.Contains("unit-7", entry.Message, StringComparison.Ordinal);
        Assert.Contains("malformed_json", entry.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Repeats_within_a_minute_are_suppressed()
    {
        var log = NewLog();

        log.Rejected("unit-7", "tracking/unit-7/fix", Malformed);
        for (var i = 0; i < 5; i++)
        {
            _clock.Advance(TimeSpan.FromSeconds(11));
            log.Rejected("unit-7", "tracking/unit-7/fix", Malformed);
        }

        Assert.Single(_logger.Entries);
    }

    [Fact]
    public void The_next_line_after_the_minute_carries_the_count_of_suppressed_repeats()
    {
        var log = NewLog();
        log.Rejected("unit-7", "tracking/unit-7/fix", Malformed);
        for (var i = 0; i < 4; i++)
        {
            _clock.Advance(TimeSpan.FromSeconds(10));
            log.Rejected("unit-7", "tracking/unit-7/fix", Malformed);
        }

        _clock.Advance(TimeSpan.FromSeconds(20));
        log.Rejected("unit-7", "tracking/unit-7/fix", Malformed);

        Assert.Equal([0L, 4L], _logger.Entries.Select(entry => entry.Values["Suppressed"]));
        Assert.Contains("4 more like it", _logger.Entries[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_count_starts_again_after_each_reported_line()
    {
        var log = NewLog();
        log.Rejected("unit-7", "t", Malformed);
        log.Rejected("unit-7", "t", Malformed);
        log.Rejected("unit-7", "t", Malformed);
        _clock.Advance(TimeSpan.FromMinutes(1));
        log.Rejected("unit-7", "t", Malformed);
        log.Rejected("unit-7", "t", Malformed);
        _clock.Advance(TimeSpan.FromMinutes(1));
        log.Rejected("unit-7", "t", Malformed);
        _clock.Advance(TimeSpan.FromMinutes(5));
        log.Rejected("unit-7", "t", Malformed);

        Assert.Equal([0L, 2L, 1L, 0L], _logger.Entries.Select(entry => entry.Values["Suppressed"]));
    }

    [Fact]
    public void Just_under_a_minute_is_still_suppressed()
    {
        var log = NewLog();
        log.Rejected("unit-7", "t", Malformed);

        _clock.Advance(TimeSpan.FromMinutes(1) - TimeSpan.FromTicks(1));
        log.Rejected("unit-7", "t", Malformed);

        Assert.Single(_logger.Entries);
    }

    [Fact]
    public void Different_devices_are_logged_independently()
    {
        var log = NewLog();

        log.Rejected("unit-1", "tracking/unit-1/fix", Malformed);
        log.Rejected("unit-2", "tracking/unit-2/fix", Malformed);
        log.Rejected("unit-1", "tracking/unit-1/fix", Malformed);
        log.Rejected("unit-3", "tracking/unit-3/fix", Malformed);

        Assert.Equal(["unit-1", "unit-2", "unit-3"], _logger.Entries.Select(entry => (string?)entry.Values["DeviceId"]));
    }

    [Fact]
    public void Different_reasons_of_one_device_are_logged_independently()
    {
        var log = NewLog();

        log.Rejected("unit-1", "t", Malformed);
        log.Rejected("unit-1", "t", TooFast);
        log.Rejected("unit-1", "t", TooFast);
        log.Rejected("unit-1", "t", Malformed);

        Assert.Equal(["malformed_json", "speed_too_high"], _logger.Entries.Select(entry => (string?)entry.Values["Reason"]));
    }

    [Fact]
    public void Suppression_counts_are_kept_per_device_and_reason()
    {
        var log = NewLog();
        log.Rejected("unit-1", "t", Malformed);
        log.Rejected("unit-1", "t", TooFast);
        log.Rejected("unit-2", "t", Malformed);
        for (var i = 0; i < 3; i++)
        {
            log.Rejected("unit-1", "t", Malformed);
        }

        log.Rejected("unit-1", "t", TooFast);

        _clock.Advance(TimeSpan.FromMinutes(2));
        log.Rejected("unit-2", "t", Malformed);
        log.Rejected("unit-1", "t", TooFast);
        log.Rejected("unit-1", "t", Malformed);

        var later = _logger.Entries.Skip(3).Select(entry => ((string?)entry.Values["DeviceId"], (string?)entry.Values["Reason"], (long?)entry.Values["Suppressed"]));
        Assert.Equal(
            new (string?, string?, long?)[] { ("unit-2", "malformed_json", 0), ("unit-1", "speed_too_high", 1), ("unit-1", "malformed_json", 3) },
            later);
    }

    [Fact]
    public void A_rejection_without_a_device_is_logged_as_none_and_suppressed_like_any_other()
    {
        var log = NewLog();

        log.Rejected(null, "tracking/+/fix", Malformed);
        log.Rejected(null, "tracking/+/fix", Malformed);

        var entry = Assert.Single(_logger.Entries);
        Assert.Equal("(none)", entry.Values["DeviceId"]);
    }
}

using System.Text.RegularExpressions;
using Tracking.Core.Validation;

namespace Tracking.Core.Tests.Validation;

public sealed partial class RejectionReasonsTests
{
    [GeneratedRegex("^[a-z]+(_[a-z]+)*$")]
    private static partial Regex SnakeCase();

    [Fact]
    public void Every_reason_has_a_distinct_snake_case_name()
    {
        var names = Enum.GetValues<RejectionReason>().Select(reason => reason.Name()).ToList();

        Assert.All(names, name => Assert.Matches(SnakeCase(), name));
        Assert.Equal(names.Count, names.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void All_lists_every_reason_once_in_declaration_order() =>
        Assert.Equal(Enum.GetValues<RejectionReason>(), RejectionReasons.All);

    /// <summary>The names are stored in the dead-letter table and exported as metric labels: they must never change.</summary>
    [Theory]
    [InlineData(RejectionReason.MalformedJson, "malformed_json")]
    [InlineData(RejectionReason.MissingField, "missing_field")]
    [InlineData(RejectionReason.InvalidField, "invalid_field")]
    [InlineData(RejectionReason.LatitudeOutOfRange, "latitude_out_of_range")]
    [InlineData(RejectionReason.LongitudeOutOfRange, "longitude_out_of_range")]
    [InlineData(RejectionReason.NullIsland, "null_island")]
    [InlineData(RejectionReason.TimeInFuture, "time_in_future")]
    [InlineData(RejectionReason.TimeTooOld, "time_too_old")]
    [InlineData(RejectionReason.SpeedTooHigh, "speed_too_high")]
    [InlineData(RejectionReason.PayloadTooLarge, "payload_too_large")]
    [InlineData(RejectionReason.BadDeviceId, "bad_device_id")]
    [InlineData(RejectionReason.UnknownDevice, "unknown_device")]
    [InlineData(RejectionReason.BadChecksum, "bad_checksum")]
    [InlineData(RejectionReason.NoFix, "no_fix")]
    [InlineData(RejectionReason.UnsupportedMessage, "unsupported_message")]
    public void Each_reason_keeps_its_stable_name(RejectionReason reason, string name) =>
        Assert.Equal(name, reason.Name());

    [Fact]
    public void The_stable_name_table_covers_every_reason() =>
        Assert.Equal(15, RejectionReasons.All.Count);
}

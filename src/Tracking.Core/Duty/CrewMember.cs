namespace Tracking.Core.Duty;

/// <summary>One officer on a shift, and the devices they carry: a radio, a phone, both or neither.</summary>
/// <param name="OfficerId">The officer's collar number.</param>
/// <param name="RadioDeviceId">The device id (ISSI) of the radio they carry on this shift, or null.</param>
/// <param name="PhoneDeviceId">The device id of the phone (OwnTracks, OsmAnd) they carry on this shift, or null.</param>
public sealed record CrewMember(string OfficerId, string? RadioDeviceId = null, string? PhoneDeviceId = null)
{
    /// <summary>The devices the officer carries: the radio, then the phone (either left out when null).</summary>
    public IEnumerable<string> CarriedDeviceIds()
    {
        if (RadioDeviceId is not null)
        {
            yield return RadioDeviceId;
        }

        if (PhoneDeviceId is not null)
        {
            yield return PhoneDeviceId;
        }
    }
}

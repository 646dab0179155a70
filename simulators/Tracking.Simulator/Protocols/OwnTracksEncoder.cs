using System.Buffers;
using System.Text.Json;
using Tracking.Core.Fixes;

namespace Tracking.Simulator.Protocols;

/// <summary>
/// OwnTracks <c>_type: location</c> messages as the phone apps publish them to <c>owntracks/{user}/{device}</c>
/// (the server's device id is <c>{user}.{device}</c>). Units as the OwnTracks booklet gives them: <c>tst</c> unix seconds,
/// <c>vel</c> km/h and <c>cog</c> degrees as integers, <c>acc</c> and <c>alt</c> metres. Thread-safe (stateless).
/// </summary>
public static class OwnTracksEncoder
{
    private static readonly JsonWriterOptions WriterOptions = new() { SkipValidation = true };

    /// <summary>The topic of a phone; its device id on the server is <c>{user}.{device}</c>.</summary>
    public static string Topic(string user, string device) => "owntracks/" + user + "/" + device;

    public static DeviceMessage Encode(string user, string device, Fix fix, string trackerId) =>
        new(user + "." + device, DeviceProtocol.OwnTracks, Topic(user, device), Payload(fix, trackerId));

    public static byte[] Payload(Fix fix, string trackerId)
    {
        ArgumentNullException.ThrowIfNull(fix);
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer, WriterOptions))
        {
            json.WriteStartObject();
            json.WriteString("_type"u8, "location"u8);
            json.WriteString("tid"u8, trackerId);
            json.WriteNumber("lat"u8, Math.Round(fix.Latitude, 7));
            json.WriteNumber("lon"u8, Math.Round(fix.Longitude, 7));
            json.WriteNumber("tst"u8, fix.DeviceTime.ToUnixTimeSeconds());
            if (fix.Accuracy is { } accuracy)
            {
                json.WriteNumber("acc"u8, (int)Math.Round(accuracy));
            }

            if (fix.Altitude is { } altitude)
            {
                json.WriteNumber("alt"u8, (int)Math.Round(altitude));
            }

            if (fix.Speed is { } speed)
            {
                json.WriteNumber("vel"u8, (int)Math.Round(speed * 3.6));
            }

            if (fix.Heading is { } heading)
            {
                json.WriteNumber("cog"u8, (int)Math.Round(heading) % 360);
            }

            if (fix.Battery is { } battery)
            {
                json.WriteNumber("batt"u8, (int)Math.Round(battery));
            }

            json.WriteString("conn"u8, "m"u8);
            json.WriteString("t"u8, "p"u8);
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}

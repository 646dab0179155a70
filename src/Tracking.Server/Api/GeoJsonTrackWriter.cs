using System.Text.Json;
using Tracking.Core.Fixes;

namespace Tracking.Server.Api;

/// <summary>
/// Writes a device's track as a GeoJSON FeatureCollection (RFC 7946, positions [lon, lat]): first a LineString
/// of the whole track, then one Point per fix with its time, speed, heading, accuracy, altitude and source.
/// </summary>
internal static class GeoJsonTrackWriter
{
    public static void Write(Utf8JsonWriter json, string deviceId, DateTimeOffset from, DateTimeOffset to, IReadOnlyList<Fix> fixes, bool truncated)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(fixes);
        json.WriteStartObject();
        json.WriteString("type", "FeatureCollection");
        json.WriteStartArray("features");

        json.WriteStartObject();
        json.WriteString("type", "Feature");
        json.WriteStartObject("geometry");
        json.WriteString("type", "LineString");
        json.WriteStartArray("coordinates");
        foreach (var fix in fixes)
        {
            WritePosition(json, fix);
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteStartObject("properties");
        json.WriteString("deviceId", deviceId);
        json.WriteString("from", from);
        json.WriteString("to", to);
        json.WriteNumber("fixes", fixes.Count);
        json.WriteBoolean("truncated", truncated);
        json.WriteEndObject();
        json.WriteEndObject();

        foreach (var fix in fixes)
        {
            json.WriteStartObject();
            json.WriteString("type", "Feature");
            json.WriteStartObject("geometry");
            json.WriteString("type", "Point");
            json.WritePropertyName("coordinates");
            WritePosition(json, fix);
            json.WriteEndObject();
            json.WriteStartObject("properties");
            json.WriteString("t", fix.DeviceTime);
            WriteOptional(json, "spd", fix.Speed);
            WriteOptional(json, "hdg", fix.Heading);
            WriteOptional(json, "acc", fix.Accuracy);
            WriteOptional(json, "alt", fix.Altitude);
            WriteOptional(json, "sat", fix.Satellites);
            WriteOptional(json, "hdop", fix.Hdop);
            WriteOptional(json, "batt", fix.Battery);
            if (fix.Emergency)
            {
                json.WriteBoolean("emergency", true);
            }

            json.WriteString("source", fix.Source.ToString());
            json.WriteString("receivedAt", fix.ReceivedAt);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WritePosition(Utf8JsonWriter json, Fix fix)
    {
        json.WriteStartArray();
        json.WriteNumberValue(fix.Longitude);
        json.WriteNumberValue(fix.Latitude);
        json.WriteEndArray();
    }

    private static void WriteOptional(Utf8JsonWriter json, string name, double? value)
    {
        if (value is { } v)
        {
            json.WriteNumber(name, v);
        }
    }
}

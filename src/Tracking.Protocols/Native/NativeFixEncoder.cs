using System.Buffers;
using System.Text.Json;
using Tracking.Core.Fixes;

namespace Tracking.Protocols.Native;

/// <summary>
/// Writes fixes in the native protocol (see <see cref="NativeFixDecoder"/>), for the simulator and tests.
/// Time as unix milliseconds, the compact form devices use. Thread-safe (stateless).
/// </summary>
public static class NativeFixEncoder
{
    private static readonly JsonWriterOptions WriterOptions = new() { SkipValidation = true };

    /// <summary>One fix as a JSON object.</summary>
    public static byte[] Encode(Fix fix)
    {
        var buffer = new ArrayBufferWriter<byte>(128);
        using (var json = new Utf8JsonWriter(buffer, WriterOptions))
        {
            WriteFix(json, fix);
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Several fixes as a JSON array (a device sending what it buffered while out of coverage).</summary>
    public static byte[] EncodeBatch(IEnumerable<Fix> fixes)
    {
        ArgumentNullException.ThrowIfNull(fixes);
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var json = new Utf8JsonWriter(buffer, WriterOptions))
        {
            json.WriteStartArray();
            foreach (var fix in fixes)
            {
                WriteFix(json, fix);
            }

            json.WriteEndArray();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteFix(Utf8JsonWriter json, Fix fix)
    {
        ArgumentNullException.ThrowIfNull(fix);
        json.WriteStartObject();
        json.WriteNumber("t"u8, fix.DeviceTime.ToUnixTimeMilliseconds());
        json.WriteNumber("lat"u8, Math.Round(fix.Latitude, 7));
        json.WriteNumber("lon"u8, Math.Round(fix.Longitude, 7));
        WriteOptional(json, "spd"u8, fix.Speed, 2);
        WriteOptional(json, "hdg"u8, fix.Heading, 1);
        WriteOptional(json, "acc"u8, fix.Accuracy, 1);
        WriteOptional(json, "alt"u8, fix.Altitude, 1);
        json.WriteEndObject();
    }

    private static void WriteOptional(Utf8JsonWriter json, ReadOnlySpan<byte> name, double? value, int decimals)
    {
        if (value is { } v)
        {
            json.WriteNumber(name, Math.Round(v, decimals));
        }
    }
}

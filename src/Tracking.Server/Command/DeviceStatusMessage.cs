using System.Text.Json;
using Tracking.Core.Dispatch;
using Tracking.Core.Validation;
using Tracking.Storage.Command;

namespace Tracking.Server.Command;

/// <summary>
/// What a device sends on <c>tracking/{deviceId}/status</c>: <c>{"status": "available" | "unavailable" |
/// "atScene" | "emergency", "reason": "…", "t": ISO-8601 time}</c> (reason required for unavailable; t optional,
/// the receive time otherwise).
/// </summary>
internal sealed record DeviceStatusMessage(UnitStatus? Status, bool Emergency, string? Reason, DateTimeOffset? Time)
{
    public const int MaxBytes = 4096;

    public static DeviceStatusMessage? Parse(ReadOnlySpan<byte> utf8, List<string> problems)
    {
        if (utf8.Length > MaxBytes)
        {
            problems.Add($"message: larger than {MaxBytes} bytes");
            return null;
        }

        try
        {
            var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = 4 });
            using var document = JsonDocument.ParseValue(ref reader);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("status", out var status) || status.ValueKind != JsonValueKind.String)
            {
                problems.Add("status: missing (a JSON object with \"status\" is expected)");
                return null;
            }

            string? reason = null;
            if (root.TryGetProperty("reason", out var r) && r.ValueKind != JsonValueKind.Null)
            {
                if (r.ValueKind != JsonValueKind.String)
                {
                    problems.Add("reason: must be a string");
                    return null;
                }

                if (!JsonText.TryRead(r, out var text))
                {
                    problems.Add("reason: is not valid Unicode (a lone surrogate)");
                    return null;
                }

                reason = text;
            }

            DateTimeOffset? time = null;
            if (root.TryGetProperty("t", out var t) && t.ValueKind != JsonValueKind.Null)
            {
                if (t.ValueKind != JsonValueKind.String)
                {
                    problems.Add("t: must be an ISO-8601 time with a zone");
                    return null;
                }

                if (!JsonText.TryRead(t, out var timeText))
                {
                    problems.Add("t: is not valid Unicode (a lone surrogate)");
                    return null;
                }

                if (!IsoTime.TryParse(timeText, out var parsed, out var error))
                {
                    problems.Add("t: " + error);
                    return null;
                }

                time = parsed;
            }

            return (JsonText.TryRead(status, out var statusText) ? statusText : null) switch
            {
                "available" => new DeviceStatusMessage(UnitStatus.Available, false, reason, time),
                "unavailable" => new DeviceStatusMessage(UnitStatus.Unavailable, false, reason, time),
                "atScene" => new DeviceStatusMessage(UnitStatus.AtScene, false, reason, time),
                "emergency" => new DeviceStatusMessage(null, true, reason, time),
                _ => Unknown(problems),
            };
        }
        catch (JsonException exception)
        {
            problems.Add("message: not valid JSON (" + exception.Message + ")");
            return null;
        }
    }

    private static DeviceStatusMessage? Unknown(List<string> problems)
    {
        problems.Add("status: must be available, unavailable, atScene or emergency");
        return null;
    }
}

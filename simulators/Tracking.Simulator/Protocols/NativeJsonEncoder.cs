using Tracking.Core.Fixes;
using Tracking.Protocols;
using Tracking.Protocols.Native;

namespace Tracking.Simulator.Protocols;

/// <summary>
/// The native protocol (README "Native protocol"): one fix as a JSON object, or what a tracker buffered while out of
/// coverage as JSON arrays, each under the server's 4 KiB limit. Thread-safe (stateless).
/// </summary>
public static class NativeJsonEncoder
{
    /// <summary>Room left under <see cref="DeviceMessages.MaxPayloadBytes"/> for the brackets and commas of an array.</summary>
    private const int ArrayOverhead = 64;

    public static DeviceMessage Encode(string deviceId, Fix fix) =>
        new(deviceId, DeviceProtocol.NativeJson, TopicRouter.NativeFixTopic(deviceId), NativeFixEncoder.Encode(fix));

    /// <summary>
    /// Buffered fixes as arrays of as many fixes as fit in one message: a day out of coverage belongs in several
    /// messages, because the server refuses a payload over 4 KiB whole.
    /// </summary>
    public static IReadOnlyList<DeviceMessage> EncodeBatches(string deviceId, IReadOnlyList<Fix> fixes)
    {
        ArgumentNullException.ThrowIfNull(fixes);
        var messages = new List<DeviceMessage>();
        var batch = new List<Fix>();
        var size = 0;
        foreach (var fix in fixes)
        {
            // One fix is about 100 bytes; measuring each keeps the bound exact whatever fields it carries.
            var length = NativeFixEncoder.Encode(fix).Length + 1;
            if (batch.Count > 0 && size + length > DeviceMessages.MaxPayloadBytes - ArrayOverhead)
            {
                messages.Add(Batch(deviceId, batch));
                batch.Clear();
                size = 0;
            }

            batch.Add(fix);
            size += length;
        }

        if (batch.Count > 0)
        {
            messages.Add(Batch(deviceId, batch));
        }

        return messages;
    }

    private static DeviceMessage Batch(string deviceId, List<Fix> fixes) =>
        new(deviceId, DeviceProtocol.NativeJson, TopicRouter.NativeFixTopic(deviceId), NativeFixEncoder.EncodeBatch(fixes));
}

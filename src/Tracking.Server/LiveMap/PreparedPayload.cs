using System.Text.Json;
using MessagePack;
using Tracking.Server.Command;

namespace Tracking.Server.LiveMap;

/// <summary>
/// A snapshot or frame (<see cref="LiveSnapshot"/>, <see cref="LiveFrame"/>) as the hub protocols write it to each
/// client that gets it: straight into the connection's output from bytes made once — each marker's (shared by every
/// view and client that shows it), and the incidents', alarms' and dispatches' (shared by the clients of the payload).
/// The JSON is that of the REST API (<see cref="CommandJson.Options"/>: camelCase, enums as camelCase strings); the
/// MessagePack is the same document (maps with the same keys, strings for times and enums), so both protocols carry
/// the same content. Thread-safe: the shared bytes are made on first use by whichever thread asks.
/// </summary>
internal sealed class PreparedPayload
{
    private readonly LiveMapCounters _counters;

    public PreparedPayload(LiveFrame frame, LiveMapCounters counters)
    {
        ArgumentNullException.ThrowIfNull(frame);
        Value = frame;
        _counters = counters;
        TimeText = PayloadWriter.TimeText(frame.Time);
        Lists = [new PreparedList(frame.Incidents), new PreparedList(frame.Alarms), new PreparedList(frame.Dispatches)];
    }

    public PreparedPayload(LiveSnapshot snapshot, LiveMapCounters counters)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        Value = snapshot;
        _counters = counters;
        TimeText = PayloadWriter.TimeText(snapshot.Time);
        Lists = [new PreparedList(snapshot.Incidents), new PreparedList(snapshot.Alarms)];
    }

    /// <summary>The <see cref="LiveFrame"/> or <see cref="LiveSnapshot"/>.</summary>
    public object Value { get; }

    /// <summary>The time as text, the same in both protocols.</summary>
    public byte[] TimeText { get; }

    /// <summary>Incidents, alarms and (frames) dispatches.</summary>
    public IReadOnlyList<PreparedList> Lists { get; }

    public void WriteJson(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var before = writer.BytesCommitted + writer.BytesPending;
        PayloadWriter.WriteJson(writer, this);
        _counters.BytesWritten((int)(writer.BytesCommitted + writer.BytesPending - before));
    }

    public void WriteMessagePack(ref MessagePackWriter writer) => _counters.BytesWritten(PayloadWriter.WriteMessagePack(ref writer, this));
}

using Tracking.Server.Command;

namespace Tracking.Server.LiveMap;

/// <summary>
/// One state of a marker with its JSON and MessagePack made once, on first use, both as the whole marker and as its
/// move entry: a marker that changed is written into the frames of every view that shows it (the force, its team, its
/// station, the boxes it is in), so writing it once and copying the bytes is what keeps the cost of a tick near the
/// size of what changed. Immutable apart from those caches; thread-safe (made at worst twice, identically).
/// </summary>
internal sealed class PreparedMarker(UnitMarker marker)
{
    private byte[]? _json;
    private byte[]? _messagePack;
    private byte[]? _moveJson;
    private byte[]? _moveMessagePack;

    public UnitMarker Marker { get; } = marker;

    public string Id => Marker.Id;

    /// <summary>The marker as the REST API's serializer would write it (<see cref="CommandJson.Options"/>; see <see cref="MarkerWriter"/>).</summary>
    public ReadOnlySpan<byte> Json => Volatile.Read(ref _json) ?? Make(ref _json, MarkerWriter.Json);

    /// <summary>The same document in MessagePack.</summary>
    public ReadOnlySpan<byte> MessagePack => Volatile.Read(ref _messagePack) ?? Make(ref _messagePack, MarkerWriter.MessagePack);

    /// <summary>The marker's move entry (id, position, heading, speed, time; <see cref="MarkerWriter.MoveJson"/>), for a frame's <c>moved</c>.</summary>
    public ReadOnlySpan<byte> MoveJson => Volatile.Read(ref _moveJson) ?? Make(ref _moveJson, MarkerWriter.MoveJson);

    /// <summary>The same move entry in MessagePack.</summary>
    public ReadOnlySpan<byte> MoveMessagePack => Volatile.Read(ref _moveMessagePack) ?? Make(ref _moveMessagePack, MarkerWriter.MoveMessagePack);

    private byte[] Make(ref byte[]? cache, Func<UnitMarker, byte[]> write)
    {
        var bytes = write(Marker);
        return Interlocked.CompareExchange(ref cache, bytes, null) ?? bytes;
    }
}

using Tracking.Server.Command;

namespace Tracking.Server.LiveMap;

/// <summary>
/// One state of a marker with its JSON and MessagePack made once, on first use: a marker that changed is written into
/// the frames of every view that shows it (the force, its team, its station, the boxes it is in), so writing it once
/// and copying the bytes is what keeps the cost of a tick near the size of what changed. Immutable apart from those
/// caches; thread-safe (made at worst twice, identically).
/// </summary>
internal sealed class PreparedMarker(UnitMarker marker)
{
    private byte[]? _json;
    private byte[]? _messagePack;

    public UnitMarker Marker { get; } = marker;

    public string Id => Marker.Id;

    /// <summary>The marker as the REST API's serializer would write it (<see cref="CommandJson.Options"/>; see <see cref="MarkerWriter"/>).</summary>
    public ReadOnlySpan<byte> Json => Volatile.Read(ref _json) ?? MakeJson();

    /// <summary>The same document in MessagePack.</summary>
    public ReadOnlySpan<byte> MessagePack => Volatile.Read(ref _messagePack) ?? MakeMessagePack();

    private byte[] MakeJson()
    {
        var json = MarkerWriter.Json(Marker);
        return Interlocked.CompareExchange(ref _json, json, null) ?? json;
    }

    private byte[] MakeMessagePack()
    {
        var messagePack = MarkerWriter.MessagePack(Marker);
        return Interlocked.CompareExchange(ref _messagePack, messagePack, null) ?? messagePack;
    }
}

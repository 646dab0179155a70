using System.Text.Json;
using Tracking.Server.Command;

namespace Tracking.Server.LiveMap;

/// <summary>
/// The incidents, alarms or dispatches of a payload, serialized once per protocol on first use (JSON as the REST API
/// writes them; MessagePack the same document). Thread-safe (made at worst twice, identically).
/// </summary>
internal sealed class PreparedList(object items)
{
    private byte[]? _json;
    private byte[]? _messagePack;

    public ReadOnlySpan<byte> Json => Volatile.Read(ref _json) ?? MakeJson();

    public ReadOnlySpan<byte> MessagePack => Volatile.Read(ref _messagePack) ?? MakeMessagePack();

    private byte[] MakeJson()
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(items, items.GetType(), CommandJson.Options);
        return Interlocked.CompareExchange(ref _json, json, null) ?? json;
    }

    private byte[] MakeMessagePack()
    {
        var messagePack = JsonToMessagePack.Convert(Json);
        return Interlocked.CompareExchange(ref _messagePack, messagePack, null) ?? messagePack;
    }
}

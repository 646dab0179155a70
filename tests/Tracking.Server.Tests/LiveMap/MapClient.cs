using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Tracking.Testing;

namespace Tracking.Server.Tests.LiveMap;

/// <summary>
/// A real SignalR client of the live map hub, connected to the in-memory test server over WebSockets (or long
/// polling), speaking JSON or MessagePack. Keeps every snapshot and frame it receives, in order. Thread-safe.
/// </summary>
public sealed class MapClient : IAsyncDisposable
{
    // What a move entry carries besides the id.
    private static readonly string[] MoveFields = ["longitude", "latitude", "heading", "speed", "time"];

    private readonly HubConnection _connection;
    private readonly Lock _gate = new();
    private readonly List<JsonNode> _snapshots = [];
    private readonly List<JsonNode> _frames = [];
    private int _framesBeforeLastSnapshot;

    private MapClient(HubConnection connection, bool messagePack)
    {
        _connection = connection;
        if (messagePack)
        {
            _connection.On<object>("snapshot", payload => KeepSnapshot(Payloads.FromMessagePack(payload)));
            _connection.On<object>("frame", payload => Keep(_frames, Payloads.FromMessagePack(payload)));
        }
        else
        {
            _connection.On<JsonElement>("snapshot", payload => KeepSnapshot(Payloads.FromJson(payload)));
            _connection.On<JsonElement>("frame", payload => Keep(_frames, Payloads.FromJson(payload)));
        }
    }

    public IReadOnlyList<JsonNode> Snapshots
    {
        get
        {
            lock (_gate)
            {
                return [.. _snapshots];
            }
        }
    }

    public IReadOnlyList<JsonNode> Frames
    {
        get
        {
            lock (_gate)
            {
                return [.. _frames];
            }
        }
    }

    /// <summary>Connects with the API token <paramref name="accessToken"/> (none: anonymously, which the hub refuses outside demo mode).</summary>
    public static async Task<MapClient> ConnectAsync(TestServer server, string? accessToken, bool messagePack = false, bool longPolling = false)
    {
        ArgumentNullException.ThrowIfNull(server);
        var builder = new HubConnectionBuilder().WithUrl(new Uri(server.BaseAddress, "hubs/live"), options =>
        {
            if (accessToken is not null)
            {
                options.AccessTokenProvider = () => Task.FromResult<string?>(accessToken);
            }

            if (longPolling)
            {
                options.Transports = HttpTransportType.LongPolling;
                options.HttpMessageHandlerFactory = _ => server.CreateHandler();
            }
            else
            {
                options.Transports = HttpTransportType.WebSockets;
                options.SkipNegotiation = true;
                options.WebSocketFactory = async (context, token) =>
                {
                    var client = server.CreateWebSocketClient();
                    if (accessToken is not null)
                    {
                        client.ConfigureRequest = request => request.Headers.Authorization = "Bearer " + accessToken;
                    }

                    return await client.ConnectAsync(context.Uri, token);
                };
            }
        });
        if (messagePack)
        {
            builder.AddMessagePackProtocol();
        }

        var client = new MapClient(builder.Build(), messagePack);
        await client._connection.StartAsync();
        return client;
    }

    /// <summary>Joins a view and returns the snapshot that answers it.</summary>
    public async Task<JsonNode> JoinAsync(Dictionary<string, object?> view)
    {
        var before = Snapshots.Count;
        await InvokeJoinAsync(view);
        var snapshots = await Eventually.UntilAsync(() => Task.FromResult(Snapshots), s => s.Count > before, "the snapshot of the view");
        return snapshots[before];
    }

    public Task InvokeJoinAsync(object? view) => _connection.InvokeAsync("JoinView", view);

    /// <summary>
    /// The markers as a page would hold them: the last snapshot, then every frame since applied in order (a move entry
    /// sets the place of the marker held; one for a marker not held is ignored, as the page does).
    /// </summary>
    public Dictionary<string, JsonNode> Markers() => Replay().Markers;

    /// <summary>
    /// Move entries since the last snapshot for markers the client did not hold in full when they came: none, if the
    /// server keeps its word that a move is only ever sent on top of a state the client has.
    /// </summary>
    public IReadOnlyList<string> MovesOfMarkersNotHeld() => Replay().NotHeld;

    private (Dictionary<string, JsonNode> Markers, List<string> NotHeld) Replay()
    {
        lock (_gate)
        {
            var markers = new Dictionary<string, JsonNode>(StringComparer.Ordinal);
            var notHeld = new List<string>();
            if (_snapshots.Count == 0)
            {
                return (markers, notHeld);
            }

            foreach (var unit in Payloads.Units(_snapshots[^1]))
            {
                markers[(string)unit["id"]!] = unit;
            }

            foreach (var frame in _frames.Skip(_framesBeforeLastSnapshot))
            {
                foreach (var unit in Payloads.Units(frame))
                {
                    markers[(string)unit["id"]!] = unit;
                }

                foreach (var move in Payloads.Moved(frame))
                {
                    var id = (string)move["id"]!;
                    if (!markers.TryGetValue(id, out var held))
                    {
                        notHeld.Add(id);
                        continue;
                    }

                    var moved = held.DeepClone();
                    foreach (var field in MoveFields)
                    {
                        moved[field] = move[field]?.DeepClone();
                    }

                    markers[id] = moved;
                }

                foreach (var id in Payloads.Ids(frame, "removed"))
                {
                    markers.Remove(id);
                }
            }

            return (markers, notHeld);
        }
    }

    private void KeepSnapshot(JsonNode? payload)
    {
        lock (_gate)
        {
            _framesBeforeLastSnapshot = _frames.Count;
            _snapshots.Add(payload ?? throw new InvalidOperationException("A null snapshot"));
        }
    }

    private void Keep(List<JsonNode> list, JsonNode? payload)
    {
        lock (_gate)
        {
            list.Add(payload ?? throw new InvalidOperationException("A null payload"));
        }
    }

    public ValueTask DisposeAsync() => _connection.DisposeAsync();
}

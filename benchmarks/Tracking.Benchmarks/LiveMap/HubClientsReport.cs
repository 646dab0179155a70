namespace Tracking.Benchmarks.LiveMap;

/// <summary>The clients process's report (one JSON line on <c>STOP</c>): by kind of view and all together.</summary>
/// <param name="Connected">Clients connected and joined.</param>
/// <param name="Disconnected">Clients whose connection closed during the run.</param>
/// <param name="Seconds">Length of the measured window.</param>
/// <param name="Kinds">By kind of view.</param>
/// <param name="All">All clients together.</param>
/// <param name="MessagePackToJson">Size of a sample force frame in MessagePack ÷ in JSON (the same document).</param>
internal sealed record HubClientsReport(int Connected, int Disconnected, double Seconds, IReadOnlyList<ViewKindReport> Kinds, ViewKindReport All, double? MessagePackToJson);

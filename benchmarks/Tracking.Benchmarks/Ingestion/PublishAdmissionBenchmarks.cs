using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using Tracking.Protocols;
using Tracking.Server.Devices;
using Tracking.Server.Ingestion;
using Tracking.Storage.Devices;

namespace Tracking.Benchmarks.Ingestion;

/// <summary>
/// What device security adds to every MQTT publish before the fix is decoded: the topic permission check and the
/// device's token bucket (<see cref="PublishAdmission"/>), for a device on its own connection and for a gateway
/// publishing for many radios. Baseline: routing the topic, which every publish costs anyway. 10,000 registered
/// devices, publishes cycling over 4,096 of them (seeded); the rate is set far above what the loop reaches, so the
/// path measured is the one every publish of a well-behaved device takes (a token is there), never a wait.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class PublishAdmissionBenchmarks
{
    private const int Devices = 10_000;
    private const int Publishes = 4096;

    private (Principal Device, string Topic)[] _publishes = [];
    private Principal _gateway = null!;
    private PublishAdmission _admission = null!;
    private ServiceProvider _services = null!;
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var registry = new DeviceRegistry(
            new DeviceStore(NpgsqlDataSource.Create("Host=unused")), Options.Create(new TrackingOptions()), NullLogger<DeviceRegistry>.Instance);
        for (var i = 0; i < Devices; i++)
        {
            registry.Know($"veh-{i:D5}");
        }

        var limits = Options.Create(new DeviceSecurityOptions { MessagesPerSecond = 100_000, Burst = 1_000_000 });
        _admission = new PublishAdmission(
            registry,
            new DeviceRateLimiter(limits),
            new SecurityStats(_services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>()),
            new SecurityLog(NullLogger<SecurityLog>.Instance, TimeProvider.System));
        _gateway = new Principal(PrincipalKind.Gateway, "@tetra-gateway");
        var random = new Random(11);
        _publishes = new (Principal, string)[Publishes];
        for (var i = 0; i < Publishes; i++)
        {
            var id = registry.Intern($"veh-{random.Next(Devices):D5}");
            _publishes[i] = (new Principal(PrincipalKind.Device, id), TopicRouter.NativeFixTopic(id));
        }
    }

    /// <summary>The admission of a device within its rate completes synchronously; anything else would be a wait this benchmark must not measure.</summary>
    private static bool Accepted(ValueTask<PublishVerdict> verdict) =>
        verdict.IsCompletedSuccessfully ? verdict.Result == PublishVerdict.Accepted : throw new InvalidOperationException("The admission waited: raise the benchmark's rate.");

    [GlobalCleanup]
    public void Cleanup() => _services.Dispose();

    [Benchmark(Baseline = true, Description = "route the topic (no checks)")]
    public TopicKind RouteOnly()
    {
        var (_, topic) = _publishes[_next++ & (Publishes - 1)];
        return TopicRouter.Route(topic).Kind;
    }

    [Benchmark(Description = "route + admission, device on its own connection")]
    public TopicKind DeviceAdmitted()
    {
        var (device, topic) = _publishes[_next++ & (Publishes - 1)];
        return Accepted(_admission.AdmitAsync(device, "client", topic, CancellationToken.None)) ? TopicRouter.Route(topic).Kind : TopicKind.Other;
    }

    [Benchmark(Description = "route + admission, gateway for many radios")]
    public TopicKind GatewayAdmitted()
    {
        var (_, topic) = _publishes[_next++ & (Publishes - 1)];
        return Accepted(_admission.AdmitAsync(_gateway, "gateway", topic, CancellationToken.None)) ? TopicRouter.Route(topic).Kind : TopicKind.Other;
    }
}

using System.Threading.Channels;
using Microsoft.Extensions.Options;
using Tracking.Core.Fixes;
using Tracking.Core.Geo.Matching;
using Tracking.Core.Patrol;

namespace Tracking.Server.Patrol;

/// <summary>
/// The geospatial stage of the pipeline: every durable fix is matched to its micro-beat and
/// priority locations and fed to live presence; stays that close are stored as visits and
/// passes. Runs on its own bounded queue: it never slows ingestion, and when it falls behind
/// it drops whole batches from live presence, counted and logged (the fixes are stored all the
/// same, and retrospective presence counts them). Closed stays go to <see cref="VisitWriter"/>,
/// so a slow or absent database never holds the stage up.
/// </summary>
internal sealed partial class PatrolStage : BackgroundService
{
    private readonly Channel<Fix[]> _queue;
    private readonly MapState _maps;
    private readonly DeviceAreas _areas;
    private readonly VisitWriter _visits;
    private readonly TimeProvider _time;
    private readonly PatrolOptions _options;
    private readonly ILogger<PatrolStage> _logger;
    private readonly List<int> _containing = [];
    private readonly List<Stay> _closed = [];
    private readonly List<Stay> _retracted = [];
    private long _droppedFixes;
    private long _processedFixes;
    private long _lateFixes;

    public PatrolStage(MapState maps, DeviceAreas areas, VisitWriter visits, TimeProvider time, IOptions<PatrolOptions> options, ILogger<PatrolStage> logger)
    {
        _maps = maps;
        _areas = areas;
        _visits = visits;
        _time = time;
        _options = options.Value;
        _logger = logger;
        _queue = Channel.CreateBounded<Fix[]>(new BoundedChannelOptions(_options.QueueCapacity)
        {
            FullMode = BoundedChannelFullMode.DropWrite,
            SingleReader = true,
        });
        Presence = new LivePresence(maps.Current.Presence, _options.Rules, _options.ReorderWindow);
        maps.Changed += snapshot => Presence.Areas = snapshot.Presence;
    }

    /// <summary>Live presence: open stays are readable from any thread.</summary>
    public LivePresence Presence { get; }

    public long DroppedFixes => Interlocked.Read(ref _droppedFixes);

    public long ProcessedFixes => Interlocked.Read(ref _processedFixes);

    /// <summary>Fixes older than the reorder window: stored, but not replayed into live presence.</summary>
    public long LateFixes => Interlocked.Read(ref _lateFixes);

    /// <summary>Takes a batch of durable fixes. Never blocks: the caller is the journal's commit loop.</summary>
    public void Offer(IReadOnlyList<Fix> fixes)
    {
        ArgumentNullException.ThrowIfNull(fixes);
        if (fixes.Count == 0)
        {
            return;
        }

        if (!_queue.Writer.TryWrite([.. fixes]))
        {
            if (Interlocked.Add(ref _droppedFixes, fixes.Count) == fixes.Count)
            {
                LogFirstDrop(_logger, fixes.Count, _options.QueueCapacity);
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var nextSweep = _time.GetUtcNow() + _options.SweepInterval;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                using (var wait = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken))
                {
                    var delay = nextSweep - _time.GetUtcNow();
                    wait.CancelAfter(delay > TimeSpan.Zero ? delay : TimeSpan.Zero);
                    try
                    {
                        await _queue.Reader.WaitToReadAsync(wait.Token);
                    }
                    catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
                    {
                        // Time to sweep.
                    }
                }

                while (_queue.Reader.TryRead(out var batch))
                {
                    Process(batch);
                }

                var now = _time.GetUtcNow();
                if (now >= nextSweep)
                {
                    Presence.Sweep(now, _closed);
                    nextSweep = now + _options.SweepInterval;
                }

                _visits.Enqueue(_closed, _retracted);
                _closed.Clear();
                _retracted.Clear();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private void Process(Fix[] batch)
    {
        var snapshot = _maps.Current;
        var projection = snapshot.Map.Projection;
        foreach (var fix in batch)
        {
            var (x, y) = projection.Project(fix.Longitude, fix.Latitude);
            _areas.Record(fix.DeviceId, Match(snapshot, x, y, fix.DeviceTime));
            var outcome = Presence.Add(fix.DeviceId, new TrackPoint(x, y, fix.DeviceTime), fix.ReceivedAt, _closed, _retracted);
            if (outcome == LiveFixOutcome.TooLate)
            {
                Interlocked.Increment(ref _lateFixes);
            }
        }

        Interlocked.Add(ref _processedFixes, batch.Length);
    }

    private DeviceAreaMatch Match(MapSnapshot snapshot, double x, double y, DateTimeOffset time)
    {
        snapshot.Index.Locate(x, y, _containing);
        string? beat = null;
        var locations = new List<string>(0);
        foreach (var index in _containing)
        {
            var area = snapshot.Index.Areas[index];
            if (area.Kind == AreaKind.Beat)
            {
                beat ??= area.Id;
            }
            else
            {
                locations.Add(area.Id);
            }
        }

        return new DeviceAreaMatch(time, beat, locations);
    }

    [LoggerMessage(EventId = 1610, Level = LogLevel.Warning,
        Message = "Patrol stage is behind: dropped {Count} fixes from live presence (queue of {Capacity} batches full); they are stored and count in retrospective presence")]
    private static partial void LogFirstDrop(ILogger logger, int count, int capacity);
}

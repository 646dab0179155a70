using BenchmarkDotNet.Attributes;
using Tracking.Core.Dispatch;

namespace Tracking.Benchmarks.Dispatch;

/// <summary>
/// How the cell size of <see cref="UnitPositionIndex"/> affects one move + nearest-5 query over
/// the same fleet as <see cref="NearestUnitBenchmarks"/> (10,000 units over 40 km × 40 km): the
/// measurement behind <see cref="UnitPositionIndex.DefaultCellSize"/>.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class UnitIndexCellSizeBenchmarks
{
    private const int Mask = MovingFleet.OperationCount - 1;
    private readonly NearestUnit[] _results = new NearestUnit[5];
    private readonly DateTimeOffset _start = new(2024, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private MovingFleet _fleet = null!;
    private UnitPositionIndex _index = null!;
    private Func<IndexedUnit, bool> _availableOnly = null!;
    private int _op;

    [Params(125, 250, 500, 1000, 2000)]
    public double CellSize { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _fleet = new MovingFleet(10_000);
        (_index, var status) = NearestUnitBenchmarks.BuildIndex(_fleet, CellSize);
        _availableOnly = unit => status[unit.UnitId] == UnitStatus.Available;
    }

    [Benchmark]
    public int Move_and_nearest_5()
    {
        var op = _fleet.Moves[_op & Mask];
        _index.Update(_fleet.Ids[op.Unit], op.X, op.Y, _start.AddTicks(++_op));
        return _index.Nearest(op.QueryX, op.QueryY, 5, _availableOnly, _results);
    }
}

using Tracking.Core.Dispatch;

namespace Tracking.Core.Tests.Dispatch;

public sealed class UnitPositionIndexTests
{
    private static readonly DateTimeOffset Start = new(2024, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Nearest_units_equal_a_brute_force_scan_while_units_move(bool availabilityInTheIndex)
    {
        // 2,000 units over a 20 km square (some outside it), 80% available; 3,000 queries with
        // 20 moves before each, k from 1 to 12; availability asked of a filter, or kept in the index.
        var random = new Random(1234);
        var index = new UnitPositionIndex(0, 0, 20_000, 20_000, cellSize: 700);
        var x = new double[2000];
        var y = new double[2000];
        var available = new bool[2000];
        var ids = Enumerable.Range(0, 2000).Select(i => $"unit-{i:D4}").ToArray();
        var byId = ids.Select((id, i) => (id, i)).ToDictionary(p => p.id, p => p.i);
        var time = Start;
        for (var i = 0; i < ids.Length; i++)
        {
            x[i] = (random.NextDouble() * 24_000) - 2_000;
            y[i] = (random.NextDouble() * 24_000) - 2_000;
            available[i] = random.NextDouble() < 0.8;
            Assert.True(index.Update(ids[i], x[i], y[i], time));
            if (availabilityInTheIndex)
            {
                Assert.True(index.SetAvailable(ids[i], available[i]));
            }
        }

        Func<IndexedUnit, bool> filter = unit => available[byId[unit.UnitId]];
        var results = new NearestUnit[12];
        for (var q = 0; q < 3000; q++)
        {
            time = time.AddSeconds(1);
            for (var m = 0; m < 20; m++)
            {
                var i = random.Next(ids.Length);
                x[i] = Math.Clamp(x[i] + (random.NextDouble() * 1000) - 500, -3000, 23_000);
                y[i] = Math.Clamp(y[i] + (random.NextDouble() * 1000) - 500, -3000, 23_000);
                available[i] = random.NextDouble() < 0.8;
                index.Update(ids[i], x[i], y[i], time);
                if (availabilityInTheIndex)
                {
                    index.SetAvailable(ids[i], available[i]);
                }
            }

            var qx = (random.NextDouble() * 26_000) - 3_000;
            var qy = (random.NextDouble() * 26_000) - 3_000;
            var k = 1 + random.Next(12);
            var found = availabilityInTheIndex ? index.NearestAvailable(qx, qy, k, null, results) : index.Nearest(qx, qy, k, filter, results);

            var expected = Enumerable.Range(0, ids.Length)
                .Where(i => available[i])
                .Select(i => (Id: ids[i], Distance: Math.Sqrt(((x[i] - qx) * (x[i] - qx)) + ((y[i] - qy) * (y[i] - qy)))))
                .OrderBy(u => u.Distance).ThenBy(u => u.Id, StringComparer.Ordinal)
                .Take(k)
                .ToArray();
            Assert.Equal(expected.Length, found);
            for (var r = 0; r < found; r++)
            {
                Assert.Equal(expected[r].Id, results[r].Unit.UnitId);
                Assert.Equal(expected[r].Distance, results[r].Distance, 1e-9);
            }
        }
    }

    [Fact]
    public void Availability_of_a_unit_not_in_the_index_cannot_be_set()
    {
        var index = new UnitPositionIndex(0, 0, 10_000, 10_000);

        Assert.False(index.SetAvailable("nobody", available: false));
    }

    [Fact]
    public void Fewer_units_than_asked_pass_the_filter_and_all_of_them_are_returned()
    {
        var index = new UnitPositionIndex(0, 0, 10_000, 10_000);
        index.Update("a", 100, 100, Start);
        index.Update("b", 9_000, 9_000, Start);
        index.Update("c", 5_000, 5_000, Start);
        var results = new NearestUnit[5];

        var found = index.Nearest(0, 0, 5, unit => unit.UnitId != "c", results);

        Assert.Equal(2, found);
        Assert.Equal("a", results[0].Unit.UnitId);
        Assert.Equal(Math.Sqrt(2) * 100, results[0].Distance, 1e-9);
        Assert.Equal("b", results[1].Unit.UnitId);
    }

    [Fact]
    public void A_position_older_than_the_one_held_is_ignored()
    {
        var index = new UnitPositionIndex(0, 0, 10_000, 10_000);
        index.Update("a", 100, 100, Start);

        Assert.False(index.Update("a", 9_000, 9_000, Start.AddSeconds(-5)));
        Assert.True(index.TryGet("a", out var unit));
        Assert.Equal((100.0, 100.0, Start), (unit.X, unit.Y, unit.Time));

        Assert.True(index.Update("a", 9_000, 9_000, Start.AddSeconds(5)));
        Assert.True(index.TryGet("a", out unit));
        Assert.Equal((9_000.0, 9_000.0), (unit.X, unit.Y));
    }

    [Fact]
    public void Removed_unit_is_no_longer_found_and_its_slot_is_reused()
    {
        var index = new UnitPositionIndex(0, 0, 10_000, 10_000);
        index.Update("a", 100, 100, Start);
        index.Update("b", 200, 200, Start);
        var results = new NearestUnit[3];

        Assert.True(index.Remove("a"));
        Assert.False(index.Remove("a"));
        Assert.Equal(1, index.Count);
        Assert.Equal(1, index.Nearest(0, 0, 3, null, results));
        Assert.Equal("b", results[0].Unit.UnitId);

        index.Update("c", 50, 50, Start);
        Assert.Equal(2, index.Nearest(0, 0, 3, null, results));
        Assert.Equal(["c", "b"], results[..2].ToArray().Select(r => r.Unit.UnitId));
    }

    [Fact]
    public void Units_outside_the_extent_are_kept_and_found()
    {
        var index = new UnitPositionIndex(0, 0, 1_000, 1_000, cellSize: 100);
        index.Update("far-east", 50_000, 500, Start);
        index.Update("inside", 900, 500, Start);
        var results = new NearestUnit[1];

        Assert.Equal(1, index.Nearest(60_000, 500, 1, null, results));
        Assert.Equal("far-east", results[0].Unit.UnitId);
        Assert.Equal(10_000, results[0].Distance, 1e-9);
    }

    [Fact]
    public void Filter_is_not_asked_about_units_too_far_to_make_the_list()
    {
        var index = new UnitPositionIndex(0, 0, 10_000, 10_000, cellSize: 100);
        index.Update("near", 10, 0, Start);
        index.Update("far", 9_000, 0, Start);
        var asked = new List<string>();
        var results = new NearestUnit[1];

        index.Nearest(0, 0, 1, unit => { asked.Add(unit.UnitId); return true; }, results);

        Assert.Equal(["near"], asked);
    }
}

using Spectre.Console;
using Tracking.Simulator.Backfill;
using Tracking.Testing;

namespace Tracking.Simulator.Tests.Backfill;

/// <summary>The backfill against a real PostgreSQL/PostGIS database (<c>TRACKING_TEST_DB</c>), one fresh database per test.</summary>
public sealed class BackfillTests : IAsyncLifetime
{
    private static readonly DateTimeOffset End = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);
    private TestDatabase _database = null!;

    public async Task InitializeAsync() => _database = await TestDatabase.CreateAsync();

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task A_backfill_stores_every_generated_fix_once_and_a_rerun_stores_nothing_new()
    {
        var options = new BackfillOptions(_database.ConnectionString, Days: 0.25, Vehicles: 4, Foot: 2, Seed: 8, End,
            Path.Combine(RepositoryPaths.Root, "maps", "leicester")) { BatchSize = 2_000 };
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(TextWriter.Null) });

        var first = await new BackfillRunner(options, console).RunAsync(CancellationToken.None);
        var again = await new BackfillRunner(options, console).RunAsync(CancellationToken.None);

        Assert.True(first.Generated > 4 * 6 * 600, first.ToString()); // six hours of 5-second vehicle reports, at least
        Assert.Equal(first.Generated, first.Stored);
        Assert.Equal(first.Generated, await _database.ScalarAsync("SELECT count(*) FROM fixes"));
        Assert.Equal(first.Generated, again.Generated);
        Assert.Equal(0, again.Stored);
        Assert.Equal(0, await _database.ScalarAsync($"SELECT count(*) FROM fixes WHERE device_time < '{End.AddHours(-6):O}' OR device_time > '{End:O}'"));
        Assert.Equal(first.Devices, await _database.ScalarAsync("SELECT count(*) FROM devices"));
        Assert.True(await _database.ScalarAsync("SELECT count(DISTINCT source) FROM fixes") >= 3);
    }
}

using Tracking.Storage.Migrations;
using Tracking.Testing;

namespace Tracking.Storage.Tests.Migrations;

public sealed class MigrationRunnerTests
{
    [Fact]
    public async Task Migrations_apply_to_an_empty_database_and_a_second_run_applies_nothing()
    {
        await using var database = await TestDatabase.CreateAsync();

        var first = await MigrationRunner.MigrateAsync(database.DataSource);
        var second = await MigrationRunner.MigrateAsync(database.DataSource);

        Assert.Equal(MigrationRunner.Scripts.Select(s => s.Version), first);
        Assert.Empty(second);
        Assert.Equal(MigrationRunner.Scripts.Count, await database.ScalarAsync("SELECT count(*) FROM schema_migrations"));
    }

    [Fact]
    public async Task Concurrent_start_ups_apply_each_migration_once()
    {
        await using var database = await TestDatabase.CreateAsync();

        var runs = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => MigrationRunner.MigrateAsync(database.DataSource)));

        Assert.Equal(MigrationRunner.Scripts.Count, runs.Sum(applied => applied.Count));
    }

    [Fact]
    public async Task Fixes_table_is_partitioned_by_day_with_a_time_range_index_and_none_on_position()
    {
        await using var database = await TestDatabase.CreateAsync();
        await MigrationRunner.MigrateAsync(database.DataSource);

        Assert.Equal(1, await database.ScalarAsync("SELECT count(*) FROM pg_partitioned_table WHERE partrelid = 'fixes'::regclass AND partstrat = 'r'"));
        Assert.Equal(1, await database.ScalarAsync("SELECT count(*) FROM pg_indexes WHERE tablename = 'fixes' AND indexdef LIKE '%USING brin (device_time)%'"));
        // Areas over time go through track_chunks; an index on every fix's position would only cost writes.
        Assert.Equal(0, await database.ScalarAsync("SELECT count(*) FROM pg_indexes WHERE tablename = 'fixes' AND indexdef LIKE '%\"position\"%'"));
        Assert.Equal(1, await database.ScalarAsync(
            "SELECT count(*) FROM geometry_columns WHERE f_table_name = 'fixes' AND type = 'POINT' AND srid = 4326"));
    }
}

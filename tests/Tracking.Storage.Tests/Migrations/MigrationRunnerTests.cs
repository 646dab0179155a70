using Npgsql;
using Tracking.Storage.Command;
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
    public async Task Crew_phones_migrate_onto_a_rota_stored_before_them()
    {
        await using var database = await TestDatabase.CreateAsync();
        await MigrationRunner.MigrateAsync(database.DataSource);
        // Back to the schema before 0013, and a shift crewed as it could be then: a radio per officer.
        await ExecuteAsync(database, """
            ALTER TABLE shift_crew DROP COLUMN phone_device_id;
            DELETE FROM schema_migrations WHERE version = 13;
            INSERT INTO officers (id, name) VALUES ('4521', 'PC Jane Smith');
            INSERT INTO units (id, call_sign, type) VALUES ('PC13', 'Papa Charlie 13', 'pcso');
            INSERT INTO devices (id, registered_by, kind) VALUES ('2001234', 'api', 'airwaveRadio'), ('pc13.phone', 'api', 'phone');
            INSERT INTO shifts (id, unit_id, starts_at, ends_at) VALUES ('early', 'PC13', '2026-11-26T08:00:00Z', '2026-11-26T16:00:00Z');
            INSERT INTO shift_crew (shift_id, officer_id, radio_device_id, position) VALUES ('early', '4521', '2001234', 0);
            """);

        var applied = await MigrationRunner.MigrateAsync(database.DataSource);

        Assert.Equal([13], applied);
        var crew = Assert.Single((await new ReferenceStore(database.DataSource).GetShiftAsync("early"))!.Crew);
        Assert.Equal(new Core.Duty.CrewMember("4521", "2001234"), crew);
        Assert.Equal(1, await database.ScalarAsync(
            "SELECT count(*) FROM pg_indexes WHERE indexname = 'shift_crew_phone_idx' AND indexdef LIKE '%WHERE (phone_device_id IS NOT NULL)%'"));
        await ExecuteAsync(database, "UPDATE shift_crew SET phone_device_id = 'pc13.phone' WHERE shift_id = 'early'");
        var unknown = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(database, "UPDATE shift_crew SET phone_device_id = 'no-such-phone'"));
        Assert.Equal(PostgresErrorCodes.ForeignKeyViolation, unknown.SqlState);
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

    private static async Task ExecuteAsync(TestDatabase database, string sql)
    {
        await using var command = database.DataSource.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }
}

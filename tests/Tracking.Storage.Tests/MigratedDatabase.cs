using Tracking.Storage.Migrations;
using Tracking.Testing;

namespace Tracking.Storage.Tests;

/// <summary>A fresh test database with every migration applied, shared by the tests of one class.</summary>
public sealed class MigratedDatabase : IAsyncLifetime
{
    public TestDatabase Database { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync();
        await MigrationRunner.MigrateAsync(Database.DataSource);
    }

    public async Task DisposeAsync() => await Database.DisposeAsync();
}

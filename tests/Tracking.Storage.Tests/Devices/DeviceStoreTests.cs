using Npgsql;
using Tracking.Storage.Devices;

namespace Tracking.Storage.Tests.Devices;

public sealed class DeviceStoreTests(MigratedDatabase fixture) : IClassFixture<MigratedDatabase>
{
    [Fact]
    public async Task Registering_twice_keeps_the_first_record()
    {
        var store = new DeviceStore(fixture.Database.DataSource);

        var first = await store.RegisterAsync("store-veh-1", "Alpha 1", DeviceStore.RegisteredByApi);
        var second = await store.RegisterAsync("store-veh-1", "Other name", DeviceStore.RegisteredOnFirstContact);

        Assert.True(first);
        Assert.False(second);
        var record = Assert.Single(await store.ListAsync(), d => d.Id == "store-veh-1");
        Assert.Equal("Alpha 1", record.Name);
        Assert.Equal(DeviceStore.RegisteredByApi, record.RegisteredBy);
        Assert.Contains("store-veh-1", await store.LoadIdsAsync());
    }

    [Fact]
    public async Task The_database_refuses_a_malformed_device_id_even_if_a_caller_skipped_validation()
    {
        var store = new DeviceStore(fixture.Database.DataSource);

        var refused = await Assert.ThrowsAsync<PostgresException>(() => store.RegisterAsync("bad id'; DROP TABLE fixes; --", null, DeviceStore.RegisteredByApi));

        Assert.Equal(PostgresErrorCodes.CheckViolation, refused.SqlState);
        Assert.Equal(1, await fixture.Database.ScalarAsync("SELECT count(*) FROM pg_class WHERE relname = 'fixes'"));
    }
}

using Npgsql;
using Tracking.Storage.Devices;

namespace Tracking.Storage.Tests.Devices;

public sealed class DeviceCredentialStoreTests(MigratedDatabase fixture) : IClassFixture<MigratedDatabase>
{
    [Fact]
    public async Task A_secret_hash_is_kept_only_for_a_registered_device_replaced_when_set_again_and_revoked()
    {
        var devices = new DeviceStore(fixture.Database.DataSource);
        var store = new DeviceCredentialStore(fixture.Database.DataSource);
        await devices.RegisterAsync("cred-veh-1", null, DeviceStore.RegisteredByApi);

        Assert.False(await store.SetAsync("cred-nobody", "pbkdf2-sha256$1$AA==$AA=="));
        Assert.True(await store.SetAsync("cred-veh-1", "pbkdf2-sha256$1$AA==$AA=="));
        Assert.True(await store.SetAsync("cred-veh-1", "pbkdf2-sha256$2$BB==$BB=="));
        Assert.Equal("pbkdf2-sha256$2$BB==$BB==", (await store.LoadAsync())["cred-veh-1"]);
        Assert.DoesNotContain("cred-nobody", (await store.LoadAsync()).Keys);

        Assert.True(await store.RevokeAsync("cred-veh-1"));
        Assert.False(await store.RevokeAsync("cred-veh-1"));
        Assert.DoesNotContain("cred-veh-1", (await store.LoadAsync()).Keys);
    }

    [Fact]
    public async Task The_database_refuses_a_service_account_whose_name_could_be_a_device_id_or_whose_role_is_unknown()
    {
        var store = new BrokerAccountStore(fixture.Database.DataSource);

        var deviceLike = await Assert.ThrowsAsync<PostgresException>(() => store.CreateAsync("cred-gateway", "gateway", "pbkdf2-sha256$1$AA==$AA=="));
        var badRole = await Assert.ThrowsAsync<PostgresException>(() => store.CreateAsync("@cred-gateway", "admin", "pbkdf2-sha256$1$AA==$AA=="));

        Assert.Equal(PostgresErrorCodes.CheckViolation, deviceLike.SqlState);
        Assert.Equal(PostgresErrorCodes.CheckViolation, badRole.SqlState);
        Assert.True(await store.CreateAsync("@cred-gateway", "gateway", "pbkdf2-sha256$1$AA==$AA=="));
        Assert.False(await store.CreateAsync("@cred-gateway", "cad", "pbkdf2-sha256$1$AA==$AA=="));
        Assert.True(await store.RotateAsync("@cred-gateway", "pbkdf2-sha256$2$BB==$BB=="));
        Assert.Equal("pbkdf2-sha256$2$BB==$BB==", Assert.Single(await store.ListAsync(), a => a.Username == "@cred-gateway").SecretHash);
        Assert.True(await store.DeleteAsync("@cred-gateway"));
        Assert.False(await store.RotateAsync("@cred-gateway", "pbkdf2-sha256$3$CC==$CC=="));
    }
}

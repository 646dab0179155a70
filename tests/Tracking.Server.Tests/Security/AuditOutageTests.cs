using System.Net;
using Npgsql;
using Tracking.Server.Tests.Infrastructure;
using Tracking.Testing;

namespace Tracking.Server.Tests.Security;

public sealed class AuditOutageTests
{
    [Fact]
    public async Task When_the_audit_row_cannot_be_written_the_answer_is_503_and_shows_nothing()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var server = new TrackingServer(database.ConnectionString) { FailOnLoggedErrors = false };
        using var http = await server.StartAsync();
        // The audit table refuses new rows, as it would if its disk were full or its privileges revoked.
        await using (var dataSource = NpgsqlDataSource.Create(database.ConnectionString))
        {
            await using var command = dataSource.CreateCommand("""
                CREATE FUNCTION refuse_audit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'audit storage unavailable'; END $$;
                CREATE TRIGGER refuse_audit BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION refuse_audit();
                """);
            await command.ExecuteNonQueryAsync();
        }

        var response = await http.GetAsync("/api/devices/outage-veh/track?purpose=incident%201");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.DoesNotContain("FeatureCollection", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains(server.LoggedErrors, e => e.Contains("audit log refused", StringComparison.Ordinal));
    }
}

using Npgsql;
using Tracking.Storage.Security;

namespace Tracking.Storage.Tests.Security;

public sealed class AuditLogTests(MigratedDatabase fixture) : IClassFixture<MigratedDatabase>
{
    [Theory]
    [InlineData("UPDATE audit_log SET purpose = 'nothing to see' WHERE user_name = '{0}'")]
    [InlineData("DELETE FROM audit_log WHERE user_name = '{0}'")]
    [InlineData("TRUNCATE audit_log")]
    public async Task The_database_refuses_to_change_or_remove_an_audit_row(string statement)
    {
        var log = new AuditLog(fixture.Database.DataSource);
        var user = "append-only-" + Guid.NewGuid().ToString("N")[..8];
        await log.AppendAsync(new AuditEntry(user, "track.view", "veh-1", "incident 4711", "/api/devices/veh-1/track", "?purpose=incident%204711", "127.0.0.1"));

        await using var command = fixture.Database.DataSource.CreateCommand(string.Format(System.Globalization.CultureInfo.InvariantCulture, statement, user));
        var refused = await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync());

        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, refused.SqlState);
        Assert.Contains("append-only", refused.MessageText, StringComparison.Ordinal);
        var row = Assert.Single(await log.QueryAsync(new AuditQuery(null, null, user, null, null, 0, 10)));
        Assert.Equal("incident 4711", row.Purpose);
    }

    [Fact]
    public async Task A_query_filters_by_user_subject_action_and_time_newest_first_and_pages()
    {
        var log = new AuditLog(fixture.Database.DataSource);
        var user = "query-" + Guid.NewGuid().ToString("N")[..8];
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);
        foreach (var subject in new[] { "a", "b", "a", "c" })
        {
            await log.AppendAsync(new AuditEntry(user, subject == "c" ? "replay.view" : "track.view", subject, "review", "/p", null, null));
        }

        var all = await log.QueryAsync(new AuditQuery(before, null, user, null, null, 0, 10));
        Assert.Equal(["c", "a", "b", "a"], all.Select(r => r.Subject));
        Assert.True(all.Zip(all.Skip(1)).All(p => p.First.Id > p.Second.Id));
        Assert.Equal(2, (await log.QueryAsync(new AuditQuery(null, null, user, "a", null, 0, 10))).Count);
        Assert.Equal("c", Assert.Single(await log.QueryAsync(new AuditQuery(null, null, user, null, "replay.view", 0, 10))).Subject);
        Assert.Equal(["a", "b"], (await log.QueryAsync(new AuditQuery(null, null, user, null, null, 1, 2))).Select(r => r.Subject));
        Assert.Empty(await log.QueryAsync(new AuditQuery(null, before, user, null, null, 0, 10)));
    }
}

using Tracking.Storage.Security;

namespace Tracking.Storage.Tests.Security;

public sealed class ApiTokenStoreTests(MigratedDatabase fixture) : IClassFixture<MigratedDatabase>
{
    [Fact]
    public async Task A_token_is_stored_only_as_its_hash_and_finds_its_owner_until_revoked()
    {
        var users = new UserStore(fixture.Database.DataSource);
        var tokens = new ApiTokenStore(fixture.Database.DataSource);
        Assert.True(await users.CreateAsync("token-owner", "Token Owner", null, ["dispatcher"]));

        var issued = await tokens.IssueAsync("token-owner", "CAD link", DateTimeOffset.UtcNow.AddDays(1));

        Assert.NotNull(issued);
        Assert.StartsWith(ApiTokens.Prefix, issued.Token, StringComparison.Ordinal);
        Assert.Equal(1, await fixture.Database.ScalarAsync($"SELECT count(*) FROM api_tokens WHERE token_hash = sha256(convert_to('{issued.Token}', 'UTF8'))"));
        var holder = await tokens.AuthenticateAsync(issued.Token);
        Assert.Equal("token-owner", holder?.User.Name);
        Assert.Equal(["dispatcher"], holder?.User.Roles);
        Assert.NotNull(Assert.Single(await tokens.ListAsync("token-owner")).LastUsedAt);

        Assert.True(await tokens.RevokeAsync("token-owner", issued.Id));
        Assert.Null(await tokens.AuthenticateAsync(issued.Token));
        Assert.False(await tokens.RevokeAsync("token-owner", issued.Id));
    }

    [Fact]
    public async Task An_expired_token_or_one_of_a_disabled_user_finds_nobody()
    {
        var users = new UserStore(fixture.Database.DataSource);
        var tokens = new ApiTokenStore(fixture.Database.DataSource);
        await users.CreateAsync("token-expired", "Expired", null, ["analyst"]);
        await users.CreateAsync("token-disabled", "Disabled", null, ["analyst"]);
        var expired = await tokens.IssueAsync("token-expired", "old", DateTimeOffset.UtcNow.AddSeconds(-1));
        var disabled = await tokens.IssueAsync("token-disabled", "script", DateTimeOffset.UtcNow.AddDays(1));
        await users.ChangeAsync("token-disabled", null, null, disabled: true);

        Assert.Null(await tokens.AuthenticateAsync(expired!.Token));
        Assert.Null(await tokens.AuthenticateAsync(disabled!.Token));
        Assert.Null(await tokens.AuthenticateAsync(ApiTokens.New()));
        Assert.Null(await tokens.IssueAsync("nobody-such", "x", DateTimeOffset.UtcNow.AddDays(1)));
    }

    [Fact]
    public async Task The_users_table_refuses_a_role_that_is_not_one_of_the_four()
    {
        var users = new UserStore(fixture.Database.DataSource);

        var refused = await Assert.ThrowsAsync<Npgsql.PostgresException>(() => users.CreateAsync("role-check", "x", null, ["superuser"]));

        Assert.Equal(Npgsql.PostgresErrorCodes.CheckViolation, refused.SqlState);
    }
}

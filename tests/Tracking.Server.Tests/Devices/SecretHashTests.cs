using Tracking.Server.Devices;

namespace Tracking.Server.Tests.Devices;

public sealed class SecretHashTests
{
    [Fact]
    public void A_hash_verifies_its_secret_only_and_carries_its_parameters()
    {
        var hash = SecretHash.Create("correct horse battery staple", 10_000);

        Assert.StartsWith("pbkdf2-sha256$10000$", hash, StringComparison.Ordinal);
        Assert.DoesNotContain("correct horse", hash, StringComparison.Ordinal);
        Assert.True(SecretHash.Verify("correct horse battery staple", hash));
        Assert.False(SecretHash.Verify("correct horse battery stapl", hash));
        Assert.False(SecretHash.Verify("", hash));
    }

    [Fact]
    public void The_same_secret_hashes_differently_each_time_because_of_its_salt()
    {
        var first = SecretHash.Create("the-same-secret-twice", 10_000);
        var second = SecretHash.Create("the-same-secret-twice", 10_000);

        Assert.NotEqual(first, second);
        Assert.True(SecretHash.Verify("the-same-secret-twice", first));
        Assert.True(SecretHash.Verify("the-same-secret-twice", second));
    }

    [Fact]
    public void A_hash_made_with_other_iterations_still_verifies_so_the_setting_can_change()
    {
        var old = SecretHash.Create("provisioned-last-year", 20_000);

        Assert.True(SecretHash.Verify("provisioned-last-year", old));
        Assert.Equal("20000", old.Split('$')[1]);
    }

    [Theory]
    [InlineData("")]
    [InlineData("plain-text-secret")]
    [InlineData("md5$1$abc$def")]
    [InlineData("pbkdf2-sha256$0$c2FsdA==$aGFzaA==")]
    [InlineData("pbkdf2-sha256$1000$not base64$aGFzaA==")]
    public void A_malformed_stored_hash_never_verifies(string stored) =>
        Assert.False(SecretHash.Verify("plain-text-secret", stored));

    [Fact]
    public void New_secrets_are_43_url_safe_characters_and_never_repeat()
    {
        var secrets = Enumerable.Range(0, 100).Select(_ => SecretHash.NewSecret()).ToList();

        Assert.All(secrets, s => Assert.Matches("^[A-Za-z0-9_-]{43}$", s));
        Assert.Equal(100, secrets.Distinct(StringComparer.Ordinal).Count());
    }
}

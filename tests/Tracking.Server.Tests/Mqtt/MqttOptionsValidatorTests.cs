using Tracking.Server.Mqtt;

namespace Tracking.Server.Tests.Mqtt;

public sealed class MqttOptionsValidatorTests
{
    private static readonly MqttOptionsValidator Validator = new();

    private static IEnumerable<string> Failures(MqttOptions options)
    {
        var result = Validator.Validate(null, options);
        return result.Failed ? result.Failures : [];
    }

    private static string SingleFailure(MqttOptions options)
    {
        var result = Validator.Validate(null, options);
        Assert.True(result.Failed, "The options were accepted.");
        return Assert.Single(result.Failures);
    }

    private static MqttOptions External(string? host = "broker.example.org") => new() { Mode = MqttMode.External, Host = host };

    [Fact]
    public void The_defaults_are_valid()
    {
        var result = Validator.Validate(null, new MqttOptions());

        Assert.True(result.Succeeded);
        Assert.Empty(Failures(new MqttOptions()));
    }

    [Fact]
    public void A_complete_external_configuration_is_valid()
    {
        var options = new MqttOptions
        {
            Mode = MqttMode.External,
            Host = "broker.example.org",
            Port = 8883,
            UseTls = true,
            Username = "tracking",
            Password = "secret",
            SharedGroup = "tracking-servers",
            ClientId = "tracking-server-a",
        };

        Assert.True(Validator.Validate(null, options).Succeeded);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(1883)]
    [InlineData(65535)]
    public void A_port_in_range_is_valid(int port)
    {
        Assert.Empty(Failures(new MqttOptions { Port = port }));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(65536)]
    [InlineData(int.MaxValue)]
    public void A_port_out_of_range_is_refused_naming_the_setting_and_the_value(int port)
    {
        var failure = SingleFailure(new MqttOptions { Port = port });

        Assert.Contains("Mqtt:Port", failure, StringComparison.Ordinal);
        Assert.Contains(port.ToString(System.Globalization.CultureInfo.InvariantCulture), failure, StringComparison.Ordinal);
    }

    [Fact]
    public void A_port_out_of_range_is_refused_in_external_mode_too()
    {
        var options = External();
        options.Port = 70000;

        Assert.Contains("Mqtt:Port", SingleFailure(options), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0.0.0.0")]
    [InlineData("127.0.0.1")]
    [InlineData("::")]
    [InlineData("::1")]
    [InlineData("192.168.10.20")]
    public void An_IP_bind_address_is_valid(string address)
    {
        Assert.Empty(Failures(new MqttOptions { BindAddress = address }));
    }

    [Theory]
    [InlineData("localhost")]
    [InlineData("broker.example.org")]
    [InlineData("")]
    [InlineData("any")]
    public void A_bind_address_that_is_not_an_IP_address_is_refused_naming_the_setting(string address)
    {
        var failure = SingleFailure(new MqttOptions { BindAddress = address });

        Assert.Contains("Mqtt:BindAddress", failure, StringComparison.Ordinal);
        Assert.Contains($"'{address}'", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void The_bind_address_does_not_matter_in_external_mode()
    {
        var options = External();
        options.BindAddress = "localhost";

        Assert.Empty(Failures(options));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void External_mode_without_a_host_is_refused_naming_the_setting(string? host)
    {
        var failure = SingleFailure(External(host));

        Assert.Contains("Mqtt:Host", failure, StringComparison.Ordinal);
        Assert.Contains("External", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Embedded_mode_needs_no_host()
    {
        Assert.Empty(Failures(new MqttOptions { Mode = MqttMode.Embedded, Host = null }));
    }

    [Theory]
    [InlineData("group/one")]
    [InlineData("group+")]
    [InlineData("#")]
    [InlineData("a/+/#")]
    public void A_shared_group_with_a_topic_separator_or_wildcard_is_refused_naming_the_setting(string group)
    {
        var options = External();
        options.SharedGroup = group;

        var failure = SingleFailure(options);

        Assert.Contains("Mqtt:SharedGroup", failure, StringComparison.Ordinal);
        Assert.Contains($"'{group}'", failure, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("tracking")]
    [InlineData("tracking-servers_2.eu")]
    public void A_shared_group_that_is_a_plain_name_or_unset_is_valid(string? group)
    {
        var options = External();
        options.SharedGroup = group;

        Assert.Empty(Failures(options));
    }

    [Fact]
    public void A_password_without_a_username_is_refused_naming_both_settings()
    {
        var failure = SingleFailure(new MqttOptions { Password = "secret" });

        Assert.Contains("Mqtt:Password", failure, StringComparison.Ordinal);
        Assert.Contains("Mqtt:Username", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void A_username_without_a_password_is_valid()
    {
        Assert.Empty(Failures(new MqttOptions { Username = "tracking" }));
    }

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        var options = new MqttOptions { Mode = MqttMode.External, Port = 0, Host = " ", SharedGroup = "a/b", Password = "secret" };

        var failures = Failures(options).ToList();

        Assert.Equal(4, failures.Count);
        Assert.Contains(failures, failure => failure.StartsWith("Mqtt:Port", StringComparison.Ordinal));
        Assert.Contains(failures, failure => failure.StartsWith("Mqtt:Host", StringComparison.Ordinal));
        Assert.Contains(failures, failure => failure.StartsWith("Mqtt:SharedGroup", StringComparison.Ordinal));
        Assert.Contains(failures, failure => failure.StartsWith("Mqtt:Password", StringComparison.Ordinal));
    }
}

using Microsoft.Extensions.Options;
using Tracking.Server.Tests.Infrastructure;

namespace Tracking.Server.Tests.Configuration;

public sealed class StartupValidationTests
{
    [Fact]
    public void A_server_without_a_connection_string_refuses_to_start_and_says_which_setting_to_set()
    {
        using var server = new TrackingServer("");
        server.FailOnLoggedErrors = false;

        var refused = Assert.Throws<InvalidOperationException>(() => server.CreateClient());

        Assert.Contains("ConnectionStrings__Tracking", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void External_mode_without_a_broker_host_refuses_to_start_and_names_the_setting()
    {
        using var server = new TrackingServer("Host=127.0.0.1;Database=unused", settings: new Dictionary<string, string?> { ["Mqtt:Mode"] = "External" });
        server.FailOnLoggedErrors = false;

        var refused = Assert.Throws<OptionsValidationException>(() => server.CreateClient());

        Assert.Contains("Mqtt:Host", refused.Message, StringComparison.Ordinal);
    }
}

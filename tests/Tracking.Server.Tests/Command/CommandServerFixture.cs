using Tracking.Server.Tests.Infrastructure;
using Tracking.Server.Tests.Patrol;

namespace Tracking.Server.Tests.Command;

/// <summary>
/// A running server over its own database with the test map (straight-line ETAs: it has no roads) and a
/// self-deployment dwell of 30 s.
/// </summary>
public sealed class CommandServerFixture() : MapServerFixture(new Dictionary<string, string?>
{
    ["Tracking:Command:SelfDeployDwell"] = "00:00:30",
})
{
    /// <inheritdoc cref="ControlRoomClient.OnDutyAsync"/>
    public Task OnDutyAsync(string name, IReadOnlyDictionary<string, DateTimeOffset?>? skills = null, string type = "responseCar", TimeSpan? endsIn = null, bool phones = false) =>
        ControlRoomClient.OnDutyAsync(Http, name, skills, type, endsIn, phones: phones);

    /// <inheritdoc cref="ControlRoomClient.FootOnDutyWithPhoneAsync"/>
    public Task FootOnDutyWithPhoneAsync(string name) => ControlRoomClient.FootOnDutyWithPhoneAsync(Http, name);

    public Task<UnitState?> UnitAsync(string id) => ControlRoomClient.UnitAsync(Http, id);

    public async Task<DeviceClient> DeviceAsync(string deviceId) => await DeviceClient.ConnectAsync(Server.MqttPort, deviceId);

    /// <summary>The username of the command-and-control service account the tests publish incidents with.</summary>
    public const string CadAccount = "@cad-tests";

    private Task<string>? _cadSecret;

    /// <summary>The secret of <see cref="CadAccount"/>, created on first use.</summary>
    public Task<string> CadSecretAsync() => _cadSecret ??= DeviceSecrets.CreateAccountAsync(Http, CadAccount, "cad");
}

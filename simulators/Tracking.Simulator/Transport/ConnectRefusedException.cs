using MQTTnet;

namespace Tracking.Simulator.Transport;

/// <summary>
/// The broker answered CONNECT with a refusal (bad credentials, not authorised, …). MQTTnet 5 reports that in the
/// result's code rather than by throwing, so a client that did not look would publish into a closed connection.
/// </summary>
public sealed class ConnectRefusedException(string clientId, MqttClientConnectResultCode code, string? reason)
    : Exception($"The broker refused '{clientId}': {code}{(string.IsNullOrEmpty(reason) ? "" : " (" + reason + ")")}. Outside demo mode every device needs its secret.")
{
    public MqttClientConnectResultCode Code { get; } = code;

    /// <summary>Connects <paramref name="client"/>, throwing when the broker refuses.</summary>
    public static async Task ConnectAsync(IMqttClient client, MqttClientOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        var result = await client.ConnectAsync(options, cancellationToken);
        if (result.ResultCode != MqttClientConnectResultCode.Success)
        {
            throw new ConnectRefusedException(options.ClientId, result.ResultCode, result.ReasonString);
        }
    }
}

using System.Net;
using Microsoft.Extensions.Options;

namespace Tracking.Server.Mqtt;

/// <summary>How fixes arrive over MQTT. Section <c>Mqtt</c>.</summary>
public enum MqttMode
{
    /// <summary>The server runs its own MQTTnet broker and takes publishes through its interception hook.</summary>
    Embedded,

    /// <summary>The server is an MQTT 5 client of an existing broker (Mosquitto, EMQX, HiveMQ…).</summary>
    External,
}

/// <summary>MQTT settings. Section <c>Mqtt</c>; every setting is documented in appsettings.json and the README.</summary>
public sealed class MqttOptions
{
    public const string Section = "Mqtt";

    public MqttMode Mode { get; set; } = MqttMode.Embedded;

    /// <summary>Embedded: the address the broker listens on: 0.0.0.0 for every IPv4 interface, :: for every IPv6 one.</summary>
    public string BindAddress { get; set; } = "0.0.0.0";

    /// <summary>Embedded: the port the broker listens on. External: the broker's port.</summary>
    public int Port { get; set; } = 1883;

    /// <summary>External: the broker's host name or address.</summary>
    public string? Host { get; set; }

    /// <summary>External: connect with TLS.</summary>
    public bool UseTls { get; set; }

    /// <summary>External, TLS: accept a certificate that does not validate (test brokers with self-signed certificates only).</summary>
    public bool AllowUntrustedCertificates { get; set; }

    public string? Username { get; set; }

    public string? Password { get; set; }

    /// <summary>
    /// External: the client id; keep it stable so the broker keeps this server's session across restarts.
    /// Empty means <c>tracking-server-{machine name}</c>.
    /// </summary>
    public string? ClientId { get; set; }

    /// <summary>The client id to connect with: <see cref="ClientId"/>, or the default derived from the machine name.</summary>
    public string EffectiveClientId => string.IsNullOrWhiteSpace(ClientId) ? "tracking-server-" + Environment.MachineName : ClientId;

    /// <summary>
    /// External: MQTT 5 shared-subscription group. When set (non-empty) the server subscribes to
    /// <c>$share/{group}/tracking/+/fix</c>, so several servers in the same group split the devices' messages between them.
    /// </summary>
    public string? SharedGroup { get; set; }

    public bool HasSharedGroup => !string.IsNullOrEmpty(SharedGroup);

    /// <summary>External: how long (seconds) the broker keeps this server's session and queued messages while it is away.</summary>
    public uint SessionExpirySeconds { get; set; } = 86_400;

    /// <summary>Embedded: most messages queued towards one subscribing client before the oldest is dropped.</summary>
    public int MaxPendingMessagesPerClient { get; set; } = 10_000;

    /// <summary>
    /// Embedded: the server certificate of the TLS listener: a PFX/PKCS#12 file, or a PEM certificate with its key in
    /// <see cref="TlsKeyPath"/> (or in the same file). Empty: no TLS listener.
    /// </summary>
    public string? TlsCertificatePath { get; set; }

    /// <summary>Embedded: the PEM private key of <see cref="TlsCertificatePath"/> when it is not in the same file.</summary>
    public string? TlsKeyPath { get; set; }

    /// <summary>Embedded: the password of a PFX <see cref="TlsCertificatePath"/>.</summary>
    public string? TlsCertificatePassword { get; set; }

    /// <summary>Embedded: the port of the TLS listener (8883, MQTT over TLS).</summary>
    public int TlsPort { get; set; } = 8883;

    /// <summary>
    /// Embedded: the CA certificate (PEM or DER) whose client certificates authenticate devices on the TLS listener
    /// instead of a password: the certificate's subject common name is the device id. Empty: passwords only.
    /// </summary>
    public string? ClientCaPath { get; set; }

    public bool HasTls => !string.IsNullOrWhiteSpace(TlsCertificatePath);
}

/// <summary>Checks <see cref="MqttOptions"/> at start, with messages that say what to fix.</summary>
internal sealed class MqttOptionsValidator : IValidateOptions<MqttOptions>
{
    public ValidateOptionsResult Validate(string? name, MqttOptions options)
    {
        var failures = new List<string>();
        if (options.Port is < 1 or > 65535)
        {
            failures.Add($"Mqtt:Port must be between 1 and 65535 (it is {options.Port}).");
        }

        if (options.MaxPendingMessagesPerClient < 1)
        {
            failures.Add($"Mqtt:MaxPendingMessagesPerClient must be at least 1 (it is {options.MaxPendingMessagesPerClient}).");
        }

        if (options.Mode == MqttMode.Embedded && !IPAddress.TryParse(options.BindAddress, out _))
        {
            failures.Add($"Mqtt:BindAddress must be an IP address such as 0.0.0.0 or 127.0.0.1 (it is '{options.BindAddress}').");
        }

        if (options.Mode == MqttMode.External)
        {
            if (string.IsNullOrWhiteSpace(options.Host))
            {
                failures.Add("Mqtt:Host is required when Mqtt:Mode is External: set it to the broker's host name.");
            }

            if (options.HasSharedGroup && options.SharedGroup!.IndexOfAny(['/', '+', '#']) >= 0)
            {
                failures.Add($"Mqtt:SharedGroup must be a name without '/', '+' or '#' (it is '{options.SharedGroup}').");
            }
        }

        if (options.HasTls)
        {
            if (options.TlsPort is < 1 or > 65535 || options.TlsPort == options.Port)
            {
                failures.Add($"Mqtt:TlsPort must be between 1 and 65535 and differ from Mqtt:Port (it is {options.TlsPort}).");
            }

            foreach (var (setting, path) in new[] { ("TlsCertificatePath", options.TlsCertificatePath), ("TlsKeyPath", options.TlsKeyPath), ("ClientCaPath", options.ClientCaPath) })
            {
                if (!string.IsNullOrWhiteSpace(path) && !File.Exists(path))
                {
                    failures.Add($"Mqtt:{setting} names a file that does not exist: '{path}'.");
                }
            }
        }
        else if (!string.IsNullOrWhiteSpace(options.ClientCaPath))
        {
            failures.Add("Mqtt:ClientCaPath is set but Mqtt:TlsCertificatePath is not: client certificates need the TLS listener.");
        }

        if (!string.IsNullOrEmpty(options.Password) && string.IsNullOrEmpty(options.Username))
        {
            failures.Add("Mqtt:Password is set but Mqtt:Username is not: set both or neither.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

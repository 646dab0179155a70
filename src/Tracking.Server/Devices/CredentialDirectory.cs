using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Tracking.Server.Ingestion;
using Tracking.Storage.Devices;

namespace Tracking.Server.Devices;

/// <summary>
/// Who may connect: each device's secret hash and the service accounts, held in memory so checking a client costs
/// no database round trip, loaded at start and re-read every <see cref="DeviceSecurityOptions.RefreshInterval"/> (changes
/// made through another server instance). Changes made through this instance apply at once. Thread-safe.
/// </summary>
/// <remarks>
/// A stored hash is PBKDF2 on purpose: tens of milliseconds of CPU per check. After a network outage thousands of
/// devices reconnect within seconds, and every OsmAnd request carries its token, so checking each against the slow
/// hash would take the server's CPU for minutes. Once a secret has been verified against the slow hash, its SHA-256
/// fingerprint is kept in memory (never stored, never logged) together with the hash it was verified against; later
/// checks compare fingerprints in constant time, and a new or revoked secret (a different stored hash) discards it.
/// Anyone able to read this process's memory could read secrets off the wire anyway; what the slow hash protects,
/// a copy of the database, gains nothing from the fingerprints.
/// </remarks>
internal sealed partial class CredentialDirectory(
    DeviceCredentialStore deviceStore,
    BrokerAccountStore accountStore,
    DeviceRegistry registry,
    IOptions<DeviceSecurityOptions> options,
    ILogger<CredentialDirectory> logger) : BackgroundService
{
    private readonly ConcurrentDictionary<string, string> _deviceHashes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (string Role, string Hash)> _accounts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, VerifiedSecret> _verified = new(StringComparer.Ordinal);

    /// <summary>Raised with a device id or account username whose secret was revoked or account removed here.</summary>
    public event Action<string>? Revoked;

    public bool HasSecret(string deviceId) => _deviceHashes.ContainsKey(deviceId);

    /// <summary>Loads every secret hash and account; called once before the broker starts, then by the refresh loop.</summary>
    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        var hashes = await deviceStore.LoadAsync(cancellationToken);
        var accounts = await accountStore.ListAsync(cancellationToken);
        foreach (var (id, hash) in hashes)
        {
            _deviceHashes[id] = hash;
        }

        foreach (var id in _deviceHashes.Keys.Where(id => !hashes.ContainsKey(id)))
        {
            _deviceHashes.TryRemove(id, out _);
        }

        foreach (var account in accounts)
        {
            _accounts[account.Username] = (account.Role, account.SecretHash);
        }

        var usernames = accounts.Select(a => a.Username).ToHashSet(StringComparer.Ordinal);
        foreach (var username in _accounts.Keys.Where(u => !usernames.Contains(u)))
        {
            _accounts.TryRemove(username, out _);
        }
    }

    /// <summary>
    /// Checks a username and secret: a device id (registered, with a secret) or a service account ('@' username).
    /// The first check of a secret runs the slow hash (tens of milliseconds); see the remarks.
    /// </summary>
    public Authentication Authenticate(string username, string secret)
    {
        ArgumentNullException.ThrowIfNull(username);
        ArgumentNullException.ThrowIfNull(secret);
        Principal principal;
        string? hash;
        if (username.StartsWith('@'))
        {
            if (!_accounts.TryGetValue(username, out var account))
            {
                return Authentication.Refused(ConnectionRefusal.UnknownAccount);
            }

            principal = new Principal(BrokerAccountRole.KindOf(account.Role), username);
            hash = account.Hash;
        }
        else
        {
            if (!registry.IsKnown(username))
            {
                return Authentication.Refused(ConnectionRefusal.UnknownAccount);
            }

            if (!_deviceHashes.TryGetValue(username, out hash))
            {
                return Authentication.Refused(ConnectionRefusal.NoSecret);
            }

            principal = new Principal(PrincipalKind.Device, registry.Intern(username));
        }

        return Matches(username, hash, secret) ? Authentication.Of(principal) : Authentication.Refused(ConnectionRefusal.WrongSecret);
    }

    /// <summary>Whether a device's own secret is <paramref name="secret"/> (the OsmAnd token); false when it has none.</summary>
    public bool IsDeviceSecret(string deviceId, string secret) =>
        _deviceHashes.TryGetValue(deviceId, out var hash) && Matches(deviceId, hash, secret);

    private bool Matches(string username, string hash, string secret)
    {
        var fingerprint = SecretHash.Fingerprint(secret);
        if (_verified.TryGetValue(username, out var verified) && string.Equals(verified.StoredHash, hash, StringComparison.Ordinal))
        {
            // Verified against this very hash before: a different fingerprint is a different secret, no slow hash needed.
            return CryptographicOperations.FixedTimeEquals(verified.Fingerprint, fingerprint);
        }

        if (!SecretHash.Verify(secret, hash))
        {
            return false;
        }

        _verified[username] = new VerifiedSecret(hash, fingerprint);
        return true;
    }

    /// <summary>Sets a registered device's secret; false when the device is not registered.</summary>
    public async Task<bool> SetDeviceSecretAsync(string deviceId, string secret, CancellationToken cancellationToken)
    {
        var hash = SecretHash.Create(secret, options.Value.HashIterations);
        if (!await deviceStore.SetAsync(deviceId, hash, cancellationToken))
        {
            return false;
        }

        _deviceHashes[deviceId] = hash;
        _verified.TryRemove(deviceId, out _);
        LogSecretSet(logger, deviceId);
        return true;
    }

    /// <summary>Revokes a device's secret (it can no longer connect outside demo mode); false when it had none.</summary>
    public async Task<bool> RevokeDeviceSecretAsync(string deviceId, CancellationToken cancellationToken)
    {
        var revoked = await deviceStore.RevokeAsync(deviceId, cancellationToken);
        _deviceHashes.TryRemove(deviceId, out _);
        _verified.TryRemove(deviceId, out _);
        if (revoked)
        {
            LogSecretRevoked(logger, deviceId);
            Revoked?.Invoke(deviceId);
        }

        return revoked;
    }

    public Task<List<BrokerAccountRecord>> ListAccountsAsync(CancellationToken cancellationToken) => accountStore.ListAsync(cancellationToken);

    /// <summary>Creates a service account with a new random secret; null when the username is taken.</summary>
    public async Task<string?> CreateAccountAsync(string username, string role, CancellationToken cancellationToken)
    {
        var secret = SecretHash.NewSecret();
        var hash = SecretHash.Create(secret, options.Value.HashIterations);
        if (!await accountStore.CreateAsync(username, role, hash, cancellationToken))
        {
            return null;
        }

        _accounts[username] = (role, hash);
        LogAccountCreated(logger, username, role);
        return secret;
    }

    /// <summary>Gives an account a new random secret (the old one stops working at once); null when there is no such account.</summary>
    public async Task<string?> RotateAccountAsync(string username, CancellationToken cancellationToken)
    {
        var secret = SecretHash.NewSecret();
        var hash = SecretHash.Create(secret, options.Value.HashIterations);
        if (!await accountStore.RotateAsync(username, hash, cancellationToken) || !_accounts.TryGetValue(username, out var account))
        {
            return null;
        }

        _accounts[username] = (account.Role, hash);
        _verified.TryRemove(username, out _);
        LogAccountRotated(logger, username);
        Revoked?.Invoke(username);
        return secret;
    }

    public async Task<bool> DeleteAccountAsync(string username, CancellationToken cancellationToken)
    {
        var deleted = await accountStore.DeleteAsync(username, cancellationToken);
        _accounts.TryRemove(username, out _);
        _verified.TryRemove(username, out _);
        if (deleted)
        {
            LogAccountDeleted(logger, username);
            Revoked?.Invoke(username);
        }

        return deleted;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.RefreshInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await LoadAsync(stoppingToken);
                }
                catch (Exception exception) when (exception is Npgsql.NpgsqlException or IOException or TimeoutException)
                {
                    LogStoreUnavailable(logger, exception);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private sealed record VerifiedSecret(string StoredHash, byte[] Fingerprint);

    [LoggerMessage(EventId = 2110, Level = LogLevel.Information, Message = "Secret of device {DeviceId} set")]
    private static partial void LogSecretSet(ILogger logger, string deviceId);

    [LoggerMessage(EventId = 2111, Level = LogLevel.Information, Message = "Secret of device {DeviceId} revoked")]
    private static partial void LogSecretRevoked(ILogger logger, string deviceId);

    [LoggerMessage(EventId = 2112, Level = LogLevel.Information, Message = "Broker account {Username} created with role {Role}")]
    private static partial void LogAccountCreated(ILogger logger, string username, string role);

    [LoggerMessage(EventId = 2113, Level = LogLevel.Information, Message = "Secret of broker account {Username} rotated")]
    private static partial void LogAccountRotated(ILogger logger, string username);

    [LoggerMessage(EventId = 2114, Level = LogLevel.Information, Message = "Broker account {Username} removed")]
    private static partial void LogAccountDeleted(ILogger logger, string username);

    [LoggerMessage(EventId = 2115, Level = LogLevel.Warning, Message = "Device credentials could not be re-read from the database; the ones in memory stay in force, retrying")]
    private static partial void LogStoreUnavailable(ILogger logger, Exception exception);
}

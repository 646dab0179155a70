using System.Security.Cryptography.X509Certificates;

namespace Tracking.Server.Mqtt;

/// <summary>
/// The CA whose client certificates the TLS listener accepts instead of a password: a certificate chaining to it
/// (and only to it: the system's roots are not trusted here), valid now, not marked for another purpose than client
/// authentication, names its device in the subject's common name. Thread-safe after construction.
/// </summary>
internal sealed class ClientCertificateAuthority(X509Certificate2 authority)
{
    private const string ClientAuthenticationOid = "1.3.6.1.5.5.7.3.2";

    public static ClientCertificateAuthority Load(string path) =>
        new(X509CertificateLoader.LoadCertificateFromFile(path));

    /// <summary>The device id the certificate was issued for, or null when this CA did not issue it (or it is not valid now).</summary>
    public string? DeviceIdOf(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(authority);
        // Revocation lists are not published for device certificates here: revoke a device by its secret and registration.
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.ApplicationPolicy.Add(new System.Security.Cryptography.Oid(ClientAuthenticationOid));
        if (!chain.Build(certificate))
        {
            return null;
        }

        var name = certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false);
        return string.IsNullOrEmpty(name) ? null : name;
    }
}

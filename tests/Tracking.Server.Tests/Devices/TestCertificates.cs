using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Tracking.Server.Tests.Devices;

/// <summary>
/// A certificate authority made in code (RSA 2048, valid from yesterday for a year), issuing a server certificate for
/// 127.0.0.1 and client certificates whose subject CN is a device id, written as PEM files for the server's settings.
/// </summary>
public sealed class TestCertificates : IDisposable
{
    private readonly RSA _caKey = RSA.Create(2048);

    public TestCertificates(string name)
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("tracking-certs-").FullName;
        var request = new CertificateRequest($"CN={name}", _caKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: true, hasPathLengthConstraint: false, 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, critical: true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        Authority = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        AuthorityPath = Path.Combine(Directory, "ca.pem");
        File.WriteAllText(AuthorityPath, Authority.ExportCertificatePem());
    }

    public string Directory { get; }

    public X509Certificate2 Authority { get; }

    public string AuthorityPath { get; }

    /// <summary>A server certificate for 127.0.0.1 written as PEM certificate and key; returns their paths.</summary>
    public (string Certificate, string Key) WriteServerCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(System.Net.IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        using var certificate = Issue(request);
        var paths = (Path.Combine(Directory, "server.pem"), Path.Combine(Directory, "server.key"));
        File.WriteAllText(paths.Item1, certificate.ExportCertificatePem());
        File.WriteAllText(paths.Item2, key.ExportPkcs8PrivateKeyPem());
        return paths;
    }

    /// <summary>A client certificate (with its private key) for the device id as subject CN.</summary>
    public X509Certificate2 ClientCertificate(string deviceId)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={deviceId}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.2")], critical: false));
        using var issued = Issue(request);
        using var withKey = issued.CopyWithPrivateKey(key);
        // Through PKCS#12 so SslStream can use the key on every platform.
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
    }

    private X509Certificate2 Issue(CertificateRequest request)
    {
        var serial = new byte[16];
        RandomNumberGenerator.Fill(serial);
        serial[0] &= 0x7F;
        return request.Create(Authority.SubjectName, X509SignatureGenerator.CreateForRSA(_caKey, RSASignaturePadding.Pkcs1),
            DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddDays(30), serial);
    }

    public void Dispose()
    {
        Authority.Dispose();
        _caKey.Dispose();
        System.IO.Directory.Delete(Directory, recursive: true);
    }
}

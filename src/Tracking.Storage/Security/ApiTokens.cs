using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Tracking.Storage.Security;

/// <summary>
/// The bearer tokens' form: <see cref="Prefix"/> and 256 random bits in base64url (43 characters), so a leaked token
/// is recognisable in logs and scanners; stored only as its SHA-256 hash.
/// </summary>
public static class ApiTokens
{
    public const string Prefix = "trk_";

    public static string New() => Prefix + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    public static byte[] Hash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));
}

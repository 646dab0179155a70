namespace Tracking.Server.Devices;

/// <summary>Why a client was not let in (counted by these names in <c>GET /api/ingest/stats</c>).</summary>
public enum ConnectionRefusal
{
    /// <summary>No username or certificate, outside demo mode.</summary>
    Anonymous,

    /// <summary>The username is neither a registered device nor a service account.</summary>
    UnknownAccount,

    /// <summary>A registered device with no secret set (or revoked).</summary>
    NoSecret,

    /// <summary>The secret does not match.</summary>
    WrongSecret,

    /// <summary>A client certificate that is not from the configured client CA, expired, or not for a registered device.</summary>
    BadCertificate,
}

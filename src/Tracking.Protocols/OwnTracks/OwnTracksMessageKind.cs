namespace Tracking.Protocols.OwnTracks;

/// <summary>
/// What an OwnTracks payload is, by its <c>_type</c> member (OwnTracks booklet, "JSON", section "Types":
/// beacon, card, cmd, configuration, encrypted, location, lwt, request, status, steps, transition, waypoint, waypoints).
/// Returned by <see cref="OwnTracksDecoder.Classify"/> so the caller can count or act on the messages that carry no fix.
/// </summary>
public enum OwnTracksMessageKind
{
    /// <summary>Not an OwnTracks message: too large, not one well-formed JSON object, or <c>_type</c> missing or not a string.</summary>
    Invalid,

    /// <summary>A <c>_type</c> string the booklet does not list; <see cref="OwnTracksDecoder.Decode"/> refuses it as unsupported.</summary>
    Unknown,

    /// <summary>A position report: the only kind that gives a fix.</summary>
    Location,

    /// <summary>Last will and testament: the broker published it because the app lost its connection.</summary>
    Lwt,

    /// <summary>
    /// Entering or leaving a region. Not a fix: the apps also publish a <c>location</c> for the event (booklet, location trigger
    /// <c>t: c</c>, "circular region enter/leave event"), and that location is the one decoded.
    /// </summary>
    Transition,

    Waypoint,
    Waypoints,
    Card,
    Cmd,
    Configuration,
    Steps,
    Beacon,

    /// <summary>An encrypted message (booklet "encrypt" feature): it may hide a location, which the server cannot read without the key.</summary>
    Encrypted,

    Status,
    Request,
}

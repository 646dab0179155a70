namespace Tracking.Storage.Maps;

/// <summary>How a change to one priority location ended (an API answers 200, 200, 400, 404, 409).</summary>
public enum LocationChangeStatus
{
    /// <summary>Stored: a new location, a new version, or the current version closed.</summary>
    Done,

    /// <summary>The change asked for what is already stored; nothing was written.</summary>
    Unchanged,

    /// <summary>The data is wrong (see the reasons); nothing was written.</summary>
    Invalid,

    /// <summary>No current version of that id (never added, or retired).</summary>
    NotFound,

    /// <summary>The id exists already, or the time given is not after the current version's start.</summary>
    Conflict,
}

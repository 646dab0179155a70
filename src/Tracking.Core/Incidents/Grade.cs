namespace Tracking.Core.Incidents;

/// <summary>How urgently an incident needs attending (the national contact management grades).</summary>
public enum Grade
{
    /// <summary>Grade 1: emergency, immediate response.</summary>
    Emergency = 1,

    /// <summary>Grade 2: priority response.</summary>
    Priority = 2,

    /// <summary>Grade 3: scheduled response.</summary>
    Scheduled = 3,
}

namespace Tracking.Server.LiveMap;

/// <summary>Settings of the live map push (section <c>Tracking:LiveMap</c>).</summary>
internal sealed class LiveMapOptions
{
    public const string Section = "Tracking:LiveMap";

    /// <summary>What to do when the settings are wrong, as the start-up validation says it.</summary>
    public const string Guidance =
        "Tracking:LiveMap:MaxFramesPerSecond must be more than 0 and at most 50 (default 2: each map gets at most two frames a second), " +
        "and Tracking:LiveMap:HeartbeatInterval from one frame interval to one minute (default 00:00:02); " +
        "set them in appsettings.json or as Tracking__LiveMap__MaxFramesPerSecond / Tracking__LiveMap__HeartbeatInterval, or remove them to use the defaults.";

    /// <summary>Most frames one client receives per second; changes in between are coalesced (the latest state of a marker wins). Default 2.</summary>
    public double MaxFramesPerSecond { get; set; } = 2;

    /// <summary>
    /// A client that got nothing for this long gets an empty frame, so its "last frame" clock (red after 5 s) turns red
    /// only when the connection or the server is stuck, not because nothing moved. Default 2 s.
    /// </summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The time between two frames to one client.</summary>
    public TimeSpan FrameInterval => TimeSpan.FromSeconds(1 / MaxFramesPerSecond);

    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (!double.IsFinite(MaxFramesPerSecond) || MaxFramesPerSecond <= 0 || MaxFramesPerSecond > 50)
        {
            problems.Add("MaxFramesPerSecond must be more than 0 and at most 50.");
        }
        else if (HeartbeatInterval < FrameInterval || HeartbeatInterval > TimeSpan.FromMinutes(1))
        {
            problems.Add("HeartbeatInterval must be at least one frame interval and at most one minute.");
        }

        return problems;
    }
}

namespace Tracking.Server.LiveMap;

/// <summary>Settings of the live map push (section <c>Tracking:LiveMap</c>).</summary>
internal sealed class LiveMapOptions
{
    public const string Section = "Tracking:LiveMap";

    /// <summary>What to do when the settings are wrong, as the start-up validation says it.</summary>
    public const string Guidance =
        "Tracking:LiveMap:MaxFramesPerSecond must be more than 0 and at most 50 (default 2: each map gets at most two frames a second) " +
        "and Tracking:LiveMap:RotaRefreshInterval positive (default \"00:01:00\"); set them in appsettings.json or as " +
        "Tracking__LiveMap__MaxFramesPerSecond and Tracking__LiveMap__RotaRefreshInterval, or remove them to use the defaults.";

    /// <summary>Most frames one client receives per second; changes in between are coalesced (the latest state of a marker wins). Default 2.</summary>
    public double MaxFramesPerSecond { get; set; } = 2;

    /// <summary>How often the rota is re-read to tell which devices belong to a unit. Default 1 minute.</summary>
    public TimeSpan RotaRefreshInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The time between two frames to one client.</summary>
    public TimeSpan FrameInterval => TimeSpan.FromSeconds(1 / MaxFramesPerSecond);

    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (!double.IsFinite(MaxFramesPerSecond) || MaxFramesPerSecond <= 0 || MaxFramesPerSecond > 50)
        {
            problems.Add("MaxFramesPerSecond must be more than 0 and at most 50.");
        }

        if (RotaRefreshInterval <= TimeSpan.Zero)
        {
            problems.Add("RotaRefreshInterval must be positive (e.g. \"00:01:00\").");
        }

        return problems;
    }
}

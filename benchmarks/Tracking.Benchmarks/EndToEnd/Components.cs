namespace Tracking.Benchmarks.EndToEnd;

/// <summary>The columns of the CPU tables, in the order they are printed.</summary>
internal static class Components
{
    public const string Server = "server";
    public const string Mosquitto = "mosquitto";
    public const string Subscriber = "subscriber";
    public const string Postgres = "postgres";
    public const string Load = "load generator";
    public const string Harness = "harness";

    public static IReadOnlyList<string> All { get; } = [Server, Mosquitto, Subscriber, Postgres, Load, Harness];
}

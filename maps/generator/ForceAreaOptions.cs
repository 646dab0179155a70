namespace Tracking.MapGenerator;

/// <summary>What to generate. The same options always give the same area, to the byte.</summary>
/// <param name="Seed">Seed of every random choice.</param>
/// <param name="Scale">Demo or county size.</param>
public sealed record ForceAreaOptions(int Seed = ForceAreaOptions.DemoSeed, ForceAreaScale Scale = ForceAreaScale.Demo)
{
    /// <summary>The seed of the committed demo area (<c>maps/leicester</c>).</summary>
    public const int DemoSeed = 1;
}

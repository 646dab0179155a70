namespace Tracking.Core.Geo.Routing;

/// <summary>
/// Per-search working memory for <see cref="TravelTimes"/>: labels per node, valid only where
/// their stamp equals the current search's, so nothing is cleared between searches. One search
/// uses one instance at a time; instances are pooled.
/// </summary>
internal sealed class SearchScratch
{
    public SearchScratch(int nodeCount)
    {
        Time = new double[nodeCount];
        Metres = new double[nodeCount];
        Reached = new int[nodeCount];
        Settled = new int[nodeCount];
        Target = new int[nodeCount];
    }

    /// <summary>Seconds from the node to the incident (best so far; final once settled).</summary>
    public double[] Time { get; }

    /// <summary>Road metres along that route.</summary>
    public double[] Metres { get; }

    /// <summary>Stamp: the node has a label in this search.</summary>
    public int[] Reached { get; }

    /// <summary>Stamp: the node's label is final in this search.</summary>
    public int[] Settled { get; }

    /// <summary>Stamp: a candidate needs this node's label.</summary>
    public int[] Target { get; }

    public PriorityQueue<int, double> Queue { get; } = new();

    public RoadSnap?[] Snaps { get; private set; } = new RoadSnap?[64];

    /// <summary>The current search's stamp.</summary>
    public int Stamp { get; private set; }

    /// <summary>Starts a search: a fresh stamp (clearing the stamps on the rare wrap-around) and room for the candidates.</summary>
    public void Begin(int candidates)
    {
        if (Stamp == int.MaxValue)
        {
            Array.Clear(Reached);
            Array.Clear(Settled);
            Array.Clear(Target);
            Stamp = 0;
        }

        Stamp++;
        Queue.Clear();
        if (Snaps.Length < candidates)
        {
            Snaps = new RoadSnap?[Math.Max(candidates, Snaps.Length * 2)];
        }
    }
}

using NetTopologySuite.Geometries;
using Tracking.MapGenerator.Drawing;

namespace Tracking.MapGenerator.Roads;

/// <summary>
/// Rounds noded roads to lon/lat and keeps only what a vehicle can drive to and back from: the
/// largest strongly connected part of the network, judged on the rounded vertices the files hold.
/// A one-way street that would strand traffic becomes two-way; scraps cut off by the river or the
/// force boundary are dropped.
/// </summary>
internal static class RoadFinisher
{
    public static List<(RoadDraft Draft, Coordinate[] Line)> Finish(IReadOnlyList<RoadDraft> drafts, LonLatRounder rounder)
    {
        var items = new List<(RoadDraft Draft, Coordinate[] Line)>();
        foreach (var draft in drafts)
        {
            var line = rounder.Round(draft.Points);
            if (line.Length >= 2)
            {
                items.Add((draft, line));
            }
        }

        var nodes = new Dictionary<Coordinate, int>(ReferenceEqualityComparer.Instance);
        foreach (var (_, line) in items)
        {
            foreach (var coordinate in line)
            {
                nodes.TryAdd(coordinate, nodes.Count);
            }
        }

        var main = MainComponent(items, nodes);
        var stranded = items.Where(item => item.Draft.OneWay && item.Line.Any(c => !main[nodes[c]])).ToList();
        if (stranded.Count > 0)
        {
            foreach (var (draft, _) in stranded)
            {
                draft.OneWay = false;
            }

            main = MainComponent(items, nodes);
        }

        var result = new List<(RoadDraft, Coordinate[])>(items.Count);
        foreach (var (draft, line) in items)
        {
            var run = new List<Coordinate>();
            foreach (var coordinate in line)
            {
                if (main[nodes[coordinate]])
                {
                    run.Add(coordinate);
                    continue;
                }

                Emit(draft, run, result);
                run = [];
            }

            Emit(draft, run, result);
        }

        return result;
    }

    private static void Emit(RoadDraft draft, List<Coordinate> run, List<(RoadDraft, Coordinate[])> result)
    {
        if (run.Count >= 2)
        {
            result.Add((draft, [.. run]));
        }
    }

    private static bool[] MainComponent(List<(RoadDraft Draft, Coordinate[] Line)> items, Dictionary<Coordinate, int> nodes)
    {
        var successors = new List<int>[nodes.Count];
        for (var i = 0; i < successors.Length; i++)
        {
            successors[i] = [];
        }

        foreach (var (draft, line) in items)
        {
            for (var i = 1; i < line.Length; i++)
            {
                var from = nodes[line[i - 1]];
                var to = nodes[line[i]];
                successors[from].Add(to);
                if (!draft.OneWay)
                {
                    successors[to].Add(from);
                }
            }
        }

        var component = StrongComponents.Find(nodes.Count, successors);
        var sizes = new Dictionary<int, int>();
        foreach (var c in component)
        {
            sizes[c] = sizes.GetValueOrDefault(c) + 1;
        }

        var largest = sizes.OrderByDescending(pair => pair.Value).ThenBy(pair => pair.Key).First().Key;
        return [.. component.Select(c => c == largest)];
    }
}

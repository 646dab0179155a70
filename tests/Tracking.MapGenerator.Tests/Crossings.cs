using NetTopologySuite.Geometries;
using NetTopologySuite.Index.Strtree;

namespace Tracking.MapGenerator.Tests;

/// <summary>Where roads cross each other, and whether they join there.</summary>
internal static class Crossings
{
    /// <summary>
    /// Fails if two roads cross anywhere but at a vertex both share, unless one of them is the
    /// motorway (a bridge over or under it); returns how many such motorway crossings there are.
    /// </summary>
    public static int CountOverpasses(IEnumerable<(LineString Line, bool Motorway)> roads)
    {
        var lines = roads.ToList();
        var index = new STRtree<int>();
        for (var i = 0; i < lines.Count; i++)
        {
            index.Insert(lines[i].Line.EnvelopeInternal, i);
        }

        index.Build();
        var overpasses = 0;
        for (var i = 0; i < lines.Count; i++)
        {
            var vertices = lines[i].Line.Coordinates.Select(c => (c.X, c.Y)).ToHashSet();
            foreach (var j in index.Query(lines[i].Line.EnvelopeInternal).Where(j => j > i))
            {
                var meeting = lines[i].Line.Intersection(lines[j].Line);
                Assert.False(!meeting.IsEmpty && meeting.Dimension == Dimension.Curve, $"Roads {i} and {j} run along each other.");
                var crossings = meeting.Coordinates.Count(c => !vertices.Contains((c.X, c.Y)));
                if (crossings > 0 && lines[i].Motorway != lines[j].Motorway)
                {
                    overpasses++;
                    continue;
                }

                Assert.True(crossings == 0, $"Roads {i} and {j} cross at {crossings} point(s) without a shared vertex.");
            }
        }

        return overpasses;
    }
}

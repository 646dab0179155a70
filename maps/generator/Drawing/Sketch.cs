namespace Tracking.MapGenerator.Drawing;

/// <summary>Hand-drawn-looking shapes in metres: irregular closed rings and gently curving paths.</summary>
internal static class Sketch
{
    /// <summary>
    /// A closed ring (first point repeated last, counter-clockwise) around <paramref name="centre"/>
    /// whose radius wanders smoothly by up to about <paramref name="variation"/> (a fraction).
    /// </summary>
    public static List<Vec2> Blob(Vec2 centre, double radius, double variation, int vertices, SeededRandom random)
    {
        var harmonics = new (double Amplitude, double Phase)[4];
        for (var k = 0; k < harmonics.Length; k++)
        {
            // Amplitudes fall off as 1/(k+1); their sum (25/12) is scaled out so the wander stays within the variation.
            harmonics[k] = (variation * random.Range(0.4, 1.0) / (k + 1) * 12 / 25, random.Range(0, 2 * Math.PI));
        }

        var ring = new List<Vec2>(vertices + 1);
        for (var i = 0; i < vertices; i++)
        {
            var angle = 2 * Math.PI * i / vertices;
            var scale = 1.0;
            for (var k = 0; k < harmonics.Length; k++)
            {
                scale += harmonics[k].Amplitude * Math.Sin(((k + 2) * angle) + harmonics[k].Phase);
            }

            ring.Add(centre + (new Vec2(Math.Cos(angle), Math.Sin(angle)) * (radius * scale)));
        }

        ring.Add(ring[0]);
        return ring;
    }

    /// <summary>
    /// A path from <paramref name="from"/> to <paramref name="to"/> with a vertex about every
    /// <paramref name="step"/> metres, bowed sideways by up to <paramref name="bow"/> metres in the
    /// middle and wobbling by <paramref name="wobble"/> metres, so it reads like a real road.
    /// </summary>
    public static List<Vec2> Path(Vec2 from, Vec2 to, double step, double bow, double wobble, SeededRandom random)
    {
        var length = Vec2.Distance(from, to);
        var count = Math.Max(1, (int)Math.Ceiling(length / step));
        var side = (to - from).Normalized().Left;
        var bowAmount = random.Range(-bow, bow);
        var phase = random.Range(0, 2 * Math.PI);
        var waves = random.Range(1.5, 3.5);
        var points = new List<Vec2>(count + 1) { from };
        for (var i = 1; i < count; i++)
        {
            var t = (double)i / count;
            var offset = (bowAmount * Math.Sin(Math.PI * t)) + (wobble * Math.Sin((2 * Math.PI * waves * t) + phase) * Math.Sin(Math.PI * t));
            points.Add(Vec2.Lerp(from, to, t) + (side * offset));
        }

        points.Add(to);
        return points;
    }

    public static double Length(IReadOnlyList<Vec2> line)
    {
        var length = 0.0;
        for (var i = 1; i < line.Count; i++)
        {
            length += Vec2.Distance(line[i - 1], line[i]);
        }

        return length;
    }

    /// <summary>The point at <paramref name="fraction"/> of the way along a polyline.</summary>
    public static Vec2 Along(IReadOnlyList<Vec2> line, double fraction)
    {
        var target = Length(line) * Math.Clamp(fraction, 0, 1);
        for (var i = 1; i < line.Count; i++)
        {
            var segment = Vec2.Distance(line[i - 1], line[i]);
            if (target <= segment && segment > 0)
            {
                return Vec2.Lerp(line[i - 1], line[i], target / segment);
            }

            target -= segment;
        }

        return line[^1];
    }

    /// <summary>The first <paramref name="fraction"/> of a polyline.</summary>
    public static List<Vec2> Prefix(IReadOnlyList<Vec2> line, double fraction)
    {
        var target = Length(line) * Math.Clamp(fraction, 0, 1);
        var result = new List<Vec2> { line[0] };
        for (var i = 1; i < line.Count; i++)
        {
            var segment = Vec2.Distance(line[i - 1], line[i]);
            if (target <= segment)
            {
                if (segment > 0 && target > 0)
                {
                    result.Add(Vec2.Lerp(line[i - 1], line[i], target / segment));
                }

                return result;
            }

            result.Add(line[i]);
            target -= segment;
        }

        return result;
    }

    /// <summary>Signed area of a closed ring (positive when counter-clockwise), square metres.</summary>
    public static double SignedArea(IReadOnlyList<Vec2> ring)
    {
        var sum = 0.0;
        for (var i = 1; i < ring.Count; i++)
        {
            sum += Vec2.Cross(ring[i - 1], ring[i]);
        }

        return sum / 2;
    }
}

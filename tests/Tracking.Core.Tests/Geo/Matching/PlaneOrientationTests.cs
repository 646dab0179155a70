using System.Numerics;
using NetTopologySuite.Algorithm.Locate;
using NetTopologySuite.Geometries;
using Tracking.Core.Geo.Matching;
using Tracking.Testing.Geometry;

namespace Tracking.Core.Tests.Geo.Matching;

public sealed class PlaneOrientationTests
{
    /// <summary>The determinant in exact integer arithmetic: every double is an integer times a power of two.</summary>
    private static int ExactSign(double ax, double ay, double bx, double by, double cx, double cy)
    {
        // 2^1100 turns every finite double of the magnitudes used here into an exact integer.
        static BigInteger Scaled(double value)
        {
            var bits = BitConverter.DoubleToInt64Bits(value);
            var exponent = (int)((bits >> 52) & 0x7FF);
            var mantissa = bits & 0xFFFFFFFFFFFFFL;
            if (exponent == 0)
            {
                exponent = 1;
            }
            else
            {
                mantissa |= 1L << 52;
            }

            var integer = new BigInteger(mantissa) << (exponent - 1075 + 1100);
            return value < 0 ? -integer : integer;
        }

        var det = ((Scaled(ax) - Scaled(cx)) * (Scaled(by) - Scaled(cy))) - ((Scaled(ay) - Scaled(cy)) * (Scaled(bx) - Scaled(cx)));
        return det.Sign;
    }

    [Fact]
    public void Collinear_points_far_apart_are_collinear_exactly()
    {
        Assert.Equal(0, PlaneOrientation.Sign(0.5, 0.5, 12, 12, 24, 24));
        Assert.Equal(1, PlaneOrientation.Sign(0, 0, 1, 0, 0.5, 1e-300));
        Assert.Equal(-1, PlaneOrientation.Sign(0, 0, 1, 0, 0.5, -1e-300));
        Assert.Equal(0, PlaneOrientation.Sign(1, 1, 1, 1, 3, 7));
    }

    [Fact]
    public void Points_a_few_ulps_off_a_line_get_the_exact_side_where_the_plain_determinant_fails()
    {
        // The classic example: points within 256 ulps of (0.5, 0.5) against the line through (12, 12) and (24, 24).
        var plainWrong = 0;
        for (var i = 0; i < 256; i++)
        {
            for (var j = 0; j < 256; j++)
            {
                var px = 0.5 + (i * Math.Pow(2, -53));
                var py = 0.5 + (j * Math.Pow(2, -53));
                var exact = ExactSign(px, py, 12, 12, 24, 24);
                Assert.Equal(exact, PlaneOrientation.Sign(px, py, 12, 12, 24, 24));
                var plain = ((px - 24) * (12 - 24)) - ((py - 24) * (12 - 24));
                plainWrong += Math.Sign(plain) != exact ? 1 : 0;
            }
        }

        // The test would prove nothing if rounding never misled the plain formula here.
        Assert.True(plainWrong > 1000, $"plain determinant wrong only {plainWrong} times");
    }

    [Fact]
    public void Random_near_degenerate_triples_agree_with_integer_arithmetic()
    {
        var random = new Random(42);
        for (var i = 0; i < 20_000; i++)
        {
            var scale = Math.Pow(10, random.Next(-3, 7));
            double ax = (random.NextDouble() - 0.5) * scale, ay = (random.NextDouble() - 0.5) * scale;
            double bx = (random.NextDouble() - 0.5) * scale, by = (random.NextDouble() - 0.5) * scale;
            var t = (random.NextDouble() * 3) - 1;
            double cx = ax + (t * (bx - ax)), cy = ay + (t * (by - ay));
            for (var k = 0; k < random.Next(3); k++)
            {
                cx = random.Next(2) == 0 ? Math.BitIncrement(cx) : Math.BitDecrement(cx);
            }

            Assert.Equal(ExactSign(ax, ay, bx, by, cx, cy), PlaneOrientation.Sign(ax, ay, bx, by, cx, cy));
        }
    }

    [Fact]
    public void The_index_decides_points_within_ulps_of_a_long_edge_exactly()
    {
        // A triangle above the line y = x, whose long edge runs from (0.25, 0.25) to (24, 24): probes a hair either
        // side of the edge near (0.5, 0.5) are inside exactly when y >= x, as NetTopologySuite also says.
        var triangle = SyntheticAreas.Factory.CreatePolygon(
        [
            new Coordinate(0.25, 0.25), new Coordinate(24, 24), new Coordinate(0.25, 24), new Coordinate(0.25, 0.25),
        ]);
        var index = AreaIndex.Build([new IndexedArea("thin", AreaKind.Location, triangle)]);
        var locator = new IndexedPointInAreaLocator(triangle);
        var found = new List<int>();
        for (var i = 0; i < 128; i++)
        {
            for (var j = 0; j < 128; j++)
            {
                var px = 0.5 + (i * Math.Pow(2, -53));
                var py = 0.5 + (j * Math.Pow(2, -53));
                index.Locate(px, py, found);
                Assert.Equal(py >= px, found.Count == 1);
                Assert.Equal(py >= px, locator.Locate(new Coordinate(px, py)) != Location.Exterior);
            }
        }
    }
}

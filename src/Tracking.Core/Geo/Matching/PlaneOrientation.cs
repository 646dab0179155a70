using System.Runtime.CompilerServices;

namespace Tracking.Core.Geo.Matching;

/// <summary>
/// The orientation of three points in the plane, exact for every finite input: a cheap floating-point determinant
/// whose sign is trusted only when it is larger than its worst-case rounding error, and otherwise the determinant
/// summed exactly from error-free products and sums. Exactness is what lets the area index agree with
/// NetTopologySuite on points that lie exactly on an edge or a vertex.
/// </summary>
/// <remarks>Stateless and thread-safe; never allocates.</remarks>
internal static class PlaneOrientation
{
    // Half an ulp of 1.0: the unit roundoff of IEEE 754 doubles.
    private const double UnitRoundoff = 1.0 / 9007199254740992.0;

    // Bound on the rounding error of detLeft - detRight relative to |detLeft| + |detRight| when both products have
    // the same sign (the classic bound for a 2×2 orientation determinant: three roundings plus their interaction).
    private const double ErrorBound = (3.0 + 16.0 * UnitRoundoff) * UnitRoundoff;

    /// <summary>
    /// Sign of the cross product (b − a) × (c − a): +1 when c lies left of the directed line a → b
    /// (a, b, c counter-clockwise), −1 when right, 0 when the three points are collinear.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Sign(double ax, double ay, double bx, double by, double cx, double cy) =>
        Sign((ax - cx) * (by - cy), (ay - cy) * (bx - cx), ax, ay, bx, by, cx, cy);

    /// <summary>
    /// <see cref="Sign(double, double, double, double, double, double)"/> from the two products already computed
    /// by the caller, <paramref name="detLeft"/> = (ax − cx)(by − cy) and <paramref name="detRight"/> = (ay − cy)(bx − cx),
    /// so a hot loop can share the differences between several orientations.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Sign(double detLeft, double detRight, double ax, double ay, double bx, double by, double cx, double cy)
    {
        var det = detLeft - detRight;
        double magnitude;
        if (detLeft > 0)
        {
            if (detRight <= 0)
            {
                return 1;
            }

            magnitude = detLeft + detRight;
        }
        else if (detLeft < 0)
        {
            if (detRight >= 0)
            {
                return -1;
            }

            magnitude = -detLeft - detRight;
        }
        else
        {
            // One difference is exactly zero, so det is exactly -detRight up to one rounding, which keeps the sign.
            return detRight > 0 ? -1 : detRight < 0 ? 1 : 0;
        }

        var bound = ErrorBound * magnitude;
        if (det > bound)
        {
            return 1;
        }

        if (-det > bound)
        {
            return -1;
        }

        return SignExact(ax, ay, bx, by, cx, cy);
    }

    /// <summary>The sign of (ax − cx)(by − cy) − (ay − cy)(bx − cx) computed without any rounding.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    internal static int SignExact(double ax, double ay, double bx, double by, double cx, double cy)
    {
        // Every difference of two doubles is exactly hi + lo; every product of two doubles is exactly hi + lo (FMA).
        var (acx, acxLo) = TwoDiff(ax, cx);
        var (bcy, bcyLo) = TwoDiff(by, cy);
        var (acy, acyLo) = TwoDiff(ay, cy);
        var (bcx, bcxLo) = TwoDiff(bx, cx);

        Span<double> terms = stackalloc double[16];
        var n = 0;
        n = AddProduct(terms, n, acx, bcy);
        n = AddProduct(terms, n, acx, bcyLo);
        n = AddProduct(terms, n, acxLo, bcy);
        n = AddProduct(terms, n, acxLo, bcyLo);
        n = AddProduct(terms, n, -acy, bcx);
        n = AddProduct(terms, n, -acy, bcxLo);
        n = AddProduct(terms, n, -acyLo, bcx);
        AddProduct(terms, n, -acyLo, bcxLo);

        // Grow a non-overlapping expansion one term at a time: each step keeps the sum exact and the components
        // ordered by increasing magnitude, so the last non-zero component carries the sign of the whole sum.
        Span<double> expansion = stackalloc double[16];
        var length = 0;
        foreach (var term in terms)
        {
            var carry = term;
            for (var i = 0; i < length; i++)
            {
                (carry, expansion[i]) = TwoSum(carry, expansion[i]);
            }

            expansion[length++] = carry;
        }

        for (var i = length - 1; i >= 0; i--)
        {
            if (expansion[i] != 0)
            {
                return expansion[i] > 0 ? 1 : -1;
            }
        }

        return 0;
    }

    private static int AddProduct(Span<double> terms, int n, double a, double b)
    {
        var product = a * b;
        terms[n] = Math.FusedMultiplyAdd(a, b, -product);
        terms[n + 1] = product;
        return n + 2;
    }

    // Knuth's two-sum: s + e == a + b exactly, whatever the magnitudes.
    private static (double Sum, double Error) TwoSum(double a, double b)
    {
        var sum = a + b;
        var bVirtual = sum - a;
        var aVirtual = sum - bVirtual;
        return (sum, (a - aVirtual) + (b - bVirtual));
    }

    private static (double Difference, double Error) TwoDiff(double a, double b) => TwoSum(a, -b);
}

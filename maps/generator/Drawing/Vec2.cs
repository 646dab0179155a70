namespace Tracking.MapGenerator.Drawing;

/// <summary>A point or vector in the projection's plane: x = easting, y = northing, metres.</summary>
internal readonly record struct Vec2(double X, double Y)
{
    public static Vec2 operator +(Vec2 a, Vec2 b) => new(a.X + b.X, a.Y + b.Y);

    public static Vec2 operator -(Vec2 a, Vec2 b) => new(a.X - b.X, a.Y - b.Y);

    public static Vec2 operator *(Vec2 a, double k) => new(a.X * k, a.Y * k);

    public double Length => Math.Sqrt((X * X) + (Y * Y));

    /// <summary>The unit vector on a compass bearing (degrees clockwise from grid north).</summary>
    public static Vec2 FromBearing(double bearingDegrees)
    {
        var radians = bearingDegrees * Math.PI / 180;
        return new Vec2(Math.Sin(radians), Math.Cos(radians));
    }

    /// <summary>The compass bearing (degrees clockwise from grid north, 0..360) of this vector.</summary>
    public double Bearing
    {
        get
        {
            var degrees = Math.Atan2(X, Y) * 180 / Math.PI;
            return degrees < 0 ? degrees + 360 : degrees;
        }
    }

    /// <summary>This vector turned a quarter to the left.</summary>
    public Vec2 Left => new(-Y, X);

    public Vec2 Normalized()
    {
        var length = Length;
        return length == 0 ? this : new Vec2(X / length, Y / length);
    }

    public static double Cross(Vec2 a, Vec2 b) => (a.X * b.Y) - (a.Y * b.X);

    public static double Dot(Vec2 a, Vec2 b) => (a.X * b.X) + (a.Y * b.Y);

    public static double Distance(Vec2 a, Vec2 b) => (a - b).Length;

    public static Vec2 Lerp(Vec2 a, Vec2 b, double t) => new(a.X + ((b.X - a.X) * t), a.Y + ((b.Y - a.Y) * t));
}

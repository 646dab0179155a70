using System.Runtime.InteropServices;

namespace Tracking.Core.Geo.Matching;

/// <summary>
/// 32 bytes of a leaf cell's storage, read either as an entry or as an edge. A cell's entries (one per area part that
/// may contain a point of it, by ascending area) come first and the edges of its edge entries right after them, so a
/// query reads one short run of memory.
/// </summary>
/// <remarks>
/// <para>
/// As an entry: for <see cref="EntryKind.Edges"/>, <see cref="Start"/> and <see cref="Count"/> select the part's
/// edges that come near the cell, and <see cref="ReferenceInside"/> is the state of the reference point
/// (<see cref="ReferenceX"/>, <see cref="ReferenceY"/>): a point inside the cell on none of those edges' lines. For
/// <see cref="EntryKind.Circle"/>, <see cref="Start"/> is the circle's index.
/// </para>
/// <para>
/// As an edge A → B of a ring, copied into the cell it crosses: its ends are ordered so that the entry's reference
/// point lies strictly left of it (which way the ring ran does not matter to a crossing count).
/// </para>
/// </remarks>
[StructLayout(LayoutKind.Explicit, Size = 32)]
internal readonly struct CellSlot
{
    [FieldOffset(0)]
    private readonly double _x0;

    [FieldOffset(8)]
    private readonly double _y0;

    [FieldOffset(16)]
    private readonly double _x1;

    [FieldOffset(24)]
    private readonly double _y1;

    [FieldOffset(16)]
    private readonly int _area;

    [FieldOffset(20)]
    private readonly int _start;

    [FieldOffset(24)]
    private readonly int _count;

    [FieldOffset(28)]
    private readonly EntryKind _kind;

    [FieldOffset(29)]
    private readonly bool _referenceInside;

    [FieldOffset(30)]
    private readonly bool _isBeat;

    private CellSlot(double x0, double y0, double x1, double y1)
    {
        _x0 = x0;
        _y0 = y0;
        _x1 = x1;
        _y1 = y1;
    }

    private CellSlot(double referenceX, double referenceY, int area, int start, int count, EntryKind kind, bool referenceInside, bool isBeat)
    {
        _x0 = referenceX;
        _y0 = referenceY;
        _area = area;
        _start = start;
        _count = count;
        _kind = kind;
        _referenceInside = referenceInside;
        _isBeat = isBeat;
    }

    public double Ax => _x0;

    public double Ay => _y0;

    public double Bx => _x1;

    public double By => _y1;

    public double ReferenceX => _x0;

    public double ReferenceY => _y0;

    public int Area => _area;

    public int Start => _start;

    public int Count => _count;

    public EntryKind Kind => _kind;

    public bool ReferenceInside => _referenceInside;

    public bool IsBeat => _isBeat;

    public static CellSlot Edge(double ax, double ay, double bx, double by) => new(ax, ay, bx, by);

    public static CellSlot Entry(double referenceX, double referenceY, int area, int start, int count, EntryKind kind, bool referenceInside, bool isBeat) =>
        new(referenceX, referenceY, area, start, count, kind, referenceInside, isBeat);
}

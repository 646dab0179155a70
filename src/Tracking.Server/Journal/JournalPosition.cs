namespace Tracking.Server.Journal;

/// <summary>A byte position in the journal: segment number and offset inside that segment file.</summary>
internal readonly record struct JournalPosition(long Segment, long Offset) : IComparable<JournalPosition>
{
    public int CompareTo(JournalPosition other) =>
        Segment != other.Segment ? Segment.CompareTo(other.Segment) : Offset.CompareTo(other.Offset);

    public static bool operator <(JournalPosition left, JournalPosition right) => left.CompareTo(right) < 0;

    public static bool operator >(JournalPosition left, JournalPosition right) => left.CompareTo(right) > 0;

    public static bool operator <=(JournalPosition left, JournalPosition right) => left.CompareTo(right) <= 0;

    public static bool operator >=(JournalPosition left, JournalPosition right) => left.CompareTo(right) >= 0;
}

namespace Tracking.Server.Command;

internal sealed partial class ControlRoom
{
    // Units changed or gone since the live maps were last told; a unit is in at most one of the two.
    private readonly Dictionary<string, LiveUnit> _unitsToPublish = new(StringComparer.Ordinal);
    private readonly HashSet<string> _unitsGoneToPublish = new(StringComparer.Ordinal);

    /// <summary>Notes that a unit changed; its state is published with the next <see cref="PublishUnitChanges"/>.</summary>
    private void NoteUnitChanged(LiveUnit unit)
    {
        _unitsGoneToPublish.Remove(unit.Id);
        _unitsToPublish[unit.Id] = unit;
    }

    private void NoteUnitGone(string unitId)
    {
        _unitsToPublish.Remove(unitId);
        _unitsGoneToPublish.Add(unitId);
    }

    /// <summary>
    /// Tells the live maps every unit that changed since the last call, as one event. Called after each request (before
    /// it is answered, so whoever asked finds the change published), after each slice of positions, and before any other
    /// event, so the events keep the order of what happened: a dispatch never arrives before the status it set. One event
    /// for a slice of thousands of moves keeps the subscribers' bounded queues short; a unit that moved twice in it is told once.
    /// </summary>
    private void PublishUnitChanges()
    {
        if (_unitsToPublish.Count == 0 && _unitsGoneToPublish.Count == 0)
        {
            return;
        }

        var changed = new List<UnitView>(_unitsToPublish.Count);
        foreach (var unit in _unitsToPublish.Values)
        {
            changed.Add(unit.View());
        }

        var changes = new UnitChanges(changed, [.. _unitsGoneToPublish]);
        _unitsToPublish.Clear();
        _unitsGoneToPublish.Clear();
        _events.Publish(new ControlRoomEvent("units", changes));
    }

    /// <summary>Publishes an incident, dispatch or alarm event, after the unit changes that came before it.</summary>
    private void Publish(ControlRoomEvent e)
    {
        PublishUnitChanges();
        _events.Publish(e);
    }
}

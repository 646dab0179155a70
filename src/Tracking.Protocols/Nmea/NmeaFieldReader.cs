namespace Tracking.Protocols.Nmea;

/// <summary>
/// Walks the comma-separated data fields of one sentence without allocating. A field past the end of a truncated
/// sentence reads as empty, as a null field does: to the decoder both are a missing value.
/// A mutable ref struct over the caller's bytes: use on one thread.
/// </summary>
internal ref struct NmeaFieldReader
{
    private ReadOnlySpan<byte> _rest;
    private bool _exhausted;

    /// <param name="fields">The body after the address and its comma.</param>
    /// <param name="present">False when the address had no comma, so the sentence has no fields at all.</param>
    public NmeaFieldReader(ReadOnlySpan<byte> fields, bool present)
    {
        _rest = fields;
        _exhausted = !present;
    }

    /// <summary>The next field, or an empty span once the fields run out.</summary>
    public ReadOnlySpan<byte> Next()
    {
        if (_exhausted)
        {
            return default;
        }

        var comma = _rest.IndexOf((byte)',');
        if (comma < 0)
        {
            var last = _rest;
            _rest = default;
            _exhausted = true;
            return last;
        }

        var field = _rest[..comma];
        _rest = _rest[(comma + 1)..];
        return field;
    }

    /// <summary>Skips <paramref name="count"/> fields.</summary>
    public void Skip(int count)
    {
        for (var i = 0; i < count; i++)
        {
            Next();
        }
    }
}

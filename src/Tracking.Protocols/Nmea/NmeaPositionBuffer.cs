using System.Runtime.CompilerServices;

namespace Tracking.Protocols.Nmea;

/// <summary>
/// Stack room for the position sentences of one message: a tracker sends one RMC and one GGA per fix, a buffered
/// message a few; past <see cref="Capacity"/> the decoder moves to a pooled array.
/// </summary>
[InlineArray(Capacity)]
internal struct NmeaPositionBuffer
{
    public const int Capacity = 16;

    private NmeaPosition _element;
}

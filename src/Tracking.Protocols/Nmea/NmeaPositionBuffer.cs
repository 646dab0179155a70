using System.Runtime.CompilerServices;

namespace Tracking.Protocols.Nmea;

/// <summary>
/// Stack room for the position sentences of one message: a tracker sends one RMC and one GGA per fix, a buffered
/// message a few epochs; past <see cref="Capacity"/> the decoder moves to a pooled array.
/// </summary>
[InlineArray(Capacity)]
internal struct NmeaPositionBuffer
{
    public const int Capacity = 8;

    private NmeaPosition _element;
}

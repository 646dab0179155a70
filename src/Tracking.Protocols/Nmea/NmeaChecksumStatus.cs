namespace Tracking.Protocols.Nmea;

/// <summary>What the framer found after a sentence's body: the <c>*hh</c> checksum field.</summary>
internal enum NmeaChecksumStatus
{
    /// <summary><c>*hh</c> present and equal to the XOR of every byte between <c>$</c> and <c>*</c>.</summary>
    Valid,

    /// <summary>No <c>*</c> before the end of the sentence: absent, or the sentence was truncated.</summary>
    Missing,

    /// <summary>A <c>*</c> not followed by exactly two hexadecimal digits.</summary>
    Malformed,

    /// <summary>Two hexadecimal digits that differ from the computed checksum: the sentence was corrupted.</summary>
    Mismatch,
}

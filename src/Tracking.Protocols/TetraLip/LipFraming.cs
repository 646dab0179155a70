using System.Buffers;

namespace Tracking.Protocols.TetraLip;

/// <summary>
/// How a LIP PDU arrives: the bytes of the SDS user data, or that user data as hex text (ASCII hex digits, either
/// case, as a radio's PEI prints it after <c>+CTSDSR</c>), optionally led by the SDS protocol identifier 0x0A.
/// Pure and thread-safe.
/// </summary>
internal static class LipFraming
{
    /// <summary>ETSI EN 300 392-2 clause 29, table 29.21 (protocol identifier): 0x0A is the Location Information Protocol.</summary>
    public const byte ProtocolIdentifier = 0x0A;

    public const int ProtocolIdentifierBits = 8;

    /// <summary>TS 100 392-18-1 §6.2.1: the short location report is 76 bits, PDU type included.</summary>
    public const int ShortReportBits = 76;

    private static readonly SearchValues<byte> HexDigits = SearchValues.Create("0123456789ABCDEFabcdef"u8);
    private static readonly SearchValues<byte> HexDigitsAndWhitespace = SearchValues.Create("0123456789ABCDEFabcdef \t\r\n\v\f"u8);

    /// <summary>
    /// True when every byte is an ASCII hex digit. A binary PDU made only of such bytes would be read as hex: for a
    /// 10-byte short report the odds are (22/256)^10, about 2 in 10^11.
    /// </summary>
    public static bool IsHexText(ReadOnlySpan<byte> text) => !text.IsEmpty && !text.ContainsAnyExcept(HexDigits);

    /// <summary>Hex digits with whitespace between them ("0A 00 88 …"): not a binary PDU, and not hex text either.</summary>
    public static bool IsSpacedHexText(ReadOnlySpan<byte> text) =>
        !text.IsEmpty && !text.ContainsAnyExcept(HexDigitsAndWhitespace) && text.ContainsAny(HexDigits);

    /// <summary>
    /// Packs the digits of <paramref name="hex"/> (already checked by <see cref="IsHexText"/>) two to a byte, most
    /// significant nibble first. An odd count leaves the low nibble of the last byte 0: the caller reads 4 bits per digit.
    /// </summary>
    public static void DecodeHex(ReadOnlySpan<byte> hex, Span<byte> destination)
    {
        var pairs = hex.Length / 2;
        for (var i = 0; i < pairs; i++)
        {
            destination[i] = (byte)((Nibble(hex[2 * i]) << 4) | Nibble(hex[(2 * i) + 1]));
        }

        if ((hex.Length & 1) == 1)
        {
            destination[pairs] = (byte)(Nibble(hex[^1]) << 4);
        }
    }

    /// <summary>
    /// Whether the PDU is led by the protocol identifier. A PDU without it can start with the same octet: a short report
    /// with time elapsed 0 at a longitude from 135° W to 112.5° W begins 0x0A. The length tells them apart where it can:
    /// with the identifier even the short report needs 8 + 76 = 84 bits, while a short report without it is 76–83 bits
    /// (padding to whole octets or hex digits included). So 76–83 bits that begin 0x0A are a complete short report
    /// without the identifier; fewer are taken as a PDU led by the identifier and cut off, the likelier fault, so the
    /// rejection names the field that is missing from it.
    /// </summary>
    public static bool StartsWithProtocolIdentifier(ReadOnlySpan<byte> data, int bitLength) =>
        bitLength >= ProtocolIdentifierBits
        && data[0] == ProtocolIdentifier
        && (bitLength < ShortReportBits || bitLength >= ProtocolIdentifierBits + ShortReportBits);

    // '0'–'9' are 0x30–0x39 (bit 6 clear); 'A'–'F' and 'a'–'f' are 0x41–0x46 and 0x61–0x66 (bit 6 set, low nibble 1–6).
    private static int Nibble(byte digit) => (digit & 0x0F) + ((digit >> 6) * 9);
}

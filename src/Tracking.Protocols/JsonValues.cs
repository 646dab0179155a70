using System.Text.Json;
using Tracking.Core.Validation;

namespace Tracking.Protocols;

/// <summary>Reading values shared by the JSON protocols (native, OwnTracks, Traccar Client). Pure and thread-safe.</summary>
internal static class JsonValues
{
    /// <summary>
    /// A finite number, or null for JSON null (absent). Anything else is skipped and, if no error was recorded yet,
    /// recorded as an invalid field with <paramref name="detail"/>.
    /// </summary>
    public static double? ReadNumber(ref Utf8JsonReader reader, ref Rejection? error, string detail)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Number when reader.TryGetDouble(out var value) && double.IsFinite(value):
                return value;
            case JsonTokenType.Null:
                return null;
            default:
                reader.Skip();
                error ??= new Rejection(RejectionReason.InvalidField, detail);
                return null;
        }
    }

    /// <summary>
    /// Whether the string token ends in "Z" or "±hh:mm": a time without either would be read in some zone of our
    /// choosing, so it is refused rather than guessed. Throws <see cref="InvalidOperationException"/> for an escaped
    /// string that is not valid UTF-16 (the decoders turn that into a malformed-payload rejection).
    /// </summary>
    public static bool HasExplicitOffset(ref Utf8JsonReader reader)
    {
        if (reader.ValueIsEscaped || reader.HasValueSequence)
        {
            Span<byte> text = stackalloc byte[64];
            return (reader.HasValueSequence ? reader.ValueSequence.Length : reader.ValueSpan.Length) <= text.Length
                && HasExplicitOffset(text[..reader.CopyString(text)]);
        }

        return HasExplicitOffset(reader.ValueSpan);
    }

    private static bool HasExplicitOffset(ReadOnlySpan<byte> text) =>
        text.Length > 6 && (text[^1] is (byte)'Z' or (byte)'z' || (text[^6] is (byte)'+' or (byte)'-' && text[^3] == (byte)':'));
}

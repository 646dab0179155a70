using Tracking.Core.Validation;

namespace Tracking.Protocols.TetraLip;

/// <summary>
/// Reads the named fields of one LIP PDU in order over a <see cref="BitReader"/>. The first field that is cut off
/// (a truncated PDU) or that the decoder refuses becomes the PDU's <see cref="Rejection"/>; every read after it
/// returns 0, so a decoder can read a run of fields and check <see cref="Failed"/> once before it uses them.
/// One per decode, never shared.
/// </summary>
internal ref struct LipFieldReader
{
    private BitReader _bits;

    public LipFieldReader(ReadOnlySpan<byte> data, int bitLength)
    {
        _bits = new BitReader(data, bitLength);
        Rejection = null;
    }

    /// <summary>Why the PDU is refused: set by the first truncated or refused field, then kept.</summary>
    public Rejection? Rejection { readonly get; private set; }

    public readonly bool Failed => Rejection is not null;

    public readonly int Position => _bits.Position;

    public uint Read(int width, string field)
    {
        if (Failed)
        {
            return 0;
        }

        var at = _bits.Position;
        if (_bits.TryReadBits(width, out var value))
        {
            return value;
        }

        Rejection = Truncated(field, width, at);
        return 0;
    }

    public int ReadSigned(int width, string field)
    {
        if (Failed)
        {
            return 0;
        }

        var at = _bits.Position;
        if (_bits.TryReadSigned(width, out var value))
        {
            return value;
        }

        Rejection = Truncated(field, width, at);
        return 0;
    }

    /// <summary>Moves past a field the decoder does not use, still requiring it to be there.</summary>
    public void Skip(int width, string field)
    {
        if (Failed)
        {
            return;
        }

        var at = _bits.Position;
        if (!_bits.TrySkip(width))
        {
            Rejection = Truncated(field, width, at);
        }
    }

    /// <summary>Refuses the PDU, unless an earlier field already did.</summary>
    public void Refuse(RejectionReason reason, string detail) => Rejection ??= new Rejection(reason, detail);

    private readonly Rejection Truncated(string field, int width, int at) =>
        new(RejectionReason.MissingField, $"{field}: truncated PDU, the {width}-bit field starts at bit {at} but the payload holds {_bits.Length} bits");
}

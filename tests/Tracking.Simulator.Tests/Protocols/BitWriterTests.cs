using Tracking.Simulator.Protocols;

namespace Tracking.Simulator.Tests.Protocols;

public sealed class BitWriterTests
{
    [Fact]
    public void Fields_are_written_most_significant_bit_first_across_byte_boundaries()
    {
        var bits = new BitWriter().Write(0b10, 2).Write(0b1, 1).Write(0x1FF, 9).Write(0b0101, 4);

        Assert.Equal(16, bits.Length);
        Assert.Equal([0b1011_1111, 0b1111_0101], bits.ToArray());
        Assert.Equal("BFF5", bits.ToHex());
    }

    [Fact]
    public void Signed_fields_are_twos_complement_cut_to_their_width()
    {
        var bits = new BitWriter().WriteSigned(-1, 4).WriteSigned(-8, 4).WriteSigned(7, 4);

        Assert.Equal("F87", bits.ToHex());
    }

    [Fact]
    public void A_value_that_does_not_fit_its_width_is_a_bug_and_throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new BitWriter().Write(4, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => new BitWriter().WriteSigned(8, 4));
    }
}

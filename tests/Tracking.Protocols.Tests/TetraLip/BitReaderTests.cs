using Tracking.Protocols.TetraLip;

namespace Tracking.Protocols.Tests.TetraLip;

/// <summary>Bytes are written out in binary so each expected value can be checked by eye.</summary>
public sealed class BitReaderTests
{
    [Fact]
    public void Fields_are_read_most_significant_bit_first_across_byte_boundaries()
    {
        // 1011 0011 | 1100 0101: fields of 3, 6, 4 and 3 bits.
        var reader = new BitReader([0b1011_0011, 0b1100_0101]);

        Assert.Equal(0b101u, reader.ReadBits(3));
        Assert.Equal(0b100111u, reader.ReadBits(6));
        Assert.Equal(0b1000u, reader.ReadBits(4));
        Assert.Equal(0b101u, reader.ReadBits(3));
        Assert.Equal(0, reader.RemainingBits);
        Assert.False(reader.Overrun);
    }

    [Fact]
    public void A_32_bit_field_is_read_from_any_bit_offset()
    {
        byte[] data = [0xFF, 0x12, 0x34, 0x56, 0x78, 0xFF];
        for (var offset = 0; offset <= 8; offset++)
        {
            var reader = new BitReader(data);
            reader.Skip(offset);

            var expected = (uint)((((ulong)0xFF12345678FF) >> (48 - offset - 32)) & 0xFFFF_FFFF);
            Assert.Equal(expected, reader.ReadBits(32));
        }
    }

    [Fact]
    public void Every_width_at_every_offset_matches_the_bits_one_by_one_near_the_end_and_far_from_it()
    {
        // Far from the end the reader loads 8 bytes at once; within 8 bytes of it, it gathers byte by byte.
        var data = new byte[24];
        new Random(7).NextBytes(data);
        bool Bit(int i) => (data[i / 8] & (0x80 >> (i % 8))) != 0;

        for (var offset = 0; offset < data.Length * 8; offset++)
        {
            for (var width = 0; width <= 32 && offset + width <= data.Length * 8; width++)
            {
                var expected = 0u;
                for (var i = 0; i < width; i++)
                {
                    expected = (expected << 1) | (Bit(offset + i) ? 1u : 0u);
                }

                var reader = new BitReader(data);
                reader.Skip(offset);
                Assert.Equal(expected, reader.ReadBits(width));
            }
        }
    }

    [Fact]
    public void A_zero_bit_field_is_0_and_reads_nothing()
    {
        var reader = new BitReader([0xFF]);

        Assert.True(reader.TryReadBits(0, out var value));
        Assert.Equal(0u, value);
        Assert.Equal(0, reader.Position);
    }

    [Theory]
    [InlineData(0b0_0000_0000_0000_0000_0000_0001, 1)]
    [InlineData(0b1_1111_1111_1111_1111_1111_1111, -1)]
    [InlineData(0b0_1111_1111_1111_1111_1111_1111, 16_777_215)]
    [InlineData(0b1_0000_0000_0000_0000_0000_0000, -16_777_216)]
    [InlineData(0b1_1111_1111_1111_1111_1111_1110, -2)]
    public void A_25_bit_twos_complement_field_keeps_its_sign(int raw, int expected)
    {
        // 25 bits, then 7 bits of padding.
        var word = (uint)raw << 7;
        var reader = new BitReader([(byte)(word >> 24), (byte)(word >> 16), (byte)(word >> 8), (byte)word]);

        Assert.Equal(expected, reader.ReadSigned(25));
    }

    [Fact]
    public void A_32_bit_signed_field_and_a_1_bit_signed_field_are_read()
    {
        var reader = new BitReader([0x80, 0x00, 0x00, 0x00, 0b1000_0000]);

        Assert.Equal(int.MinValue, reader.ReadSigned(32));
        Assert.Equal(-1, reader.ReadSigned(1));
    }

    [Fact]
    public void The_bits_after_the_given_length_are_padding_and_are_never_read()
    {
        // 76 bits in 10 bytes: the last 4 bits are padding.
        var reader = new BitReader(new byte[10], 76);
        reader.Skip(72);

        Assert.False(reader.TryReadBits(8, out _));
        Assert.True(reader.Overrun);
        Assert.Equal(72, reader.Position);
        Assert.Equal(0u, reader.ReadBits(4));
        Assert.Equal(76, reader.Position);
    }

    [Fact]
    public void A_read_past_the_end_fails_without_moving_and_the_overrun_stays_set()
    {
        var reader = new BitReader([0b1010_1010]);
        reader.Skip(6);

        Assert.False(reader.TryReadBits(3, out var value));
        Assert.Equal(0u, value);
        Assert.Equal(6, reader.Position);
        Assert.Equal(2, reader.RemainingBits);
        Assert.True(reader.Overrun);

        Assert.Equal(0b10u, reader.ReadBits(2));
        Assert.True(reader.Overrun);
    }

    [Fact]
    public void Read_signed_and_skip_past_the_end_give_0_and_set_the_overrun()
    {
        var signed = new BitReader([0xFF]);
        Assert.Equal(0, signed.ReadSigned(9));
        Assert.False(signed.TryReadSigned(9, out var value));
        Assert.Equal(0, value);
        Assert.True(signed.Overrun);

        var skipped = new BitReader([0xFF]);
        Assert.False(skipped.TrySkip(9));
        skipped.Skip(9);
        Assert.Equal(0, skipped.Position);
        Assert.True(skipped.Overrun);
    }

    [Fact]
    public void An_empty_span_has_no_bits_to_read()
    {
        var reader = new BitReader([]);

        Assert.Equal(0, reader.Length);
        Assert.False(reader.TryReadBits(1, out _));
        Assert.True(reader.TrySkip(0));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(33)]
    public void A_field_width_outside_0_to_32_is_a_bug_in_the_caller(int width)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new BitReader(new byte[8]).ReadBits(width));
        Assert.Throws<ArgumentOutOfRangeException>(() => new BitReader(new byte[8]).ReadSigned(width == -1 ? 0 : width));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(17)]
    public void A_bit_length_outside_the_data_is_a_bug_in_the_caller(int bitLength) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new BitReader(new byte[2], bitLength));

    [Fact]
    public void It_reads_back_what_the_test_bit_writer_wrote()
    {
        var written = new BitWriter().Bits(0b10, 2).Signed(-12_345, 25).Bits(0, 3).Bits(127, 7).Signed(8_388_607, 24);

        var reader = new BitReader(written.ToBytes(), written.Length);

        Assert.Equal(0b10u, reader.ReadBits(2));
        Assert.Equal(-12_345, reader.ReadSigned(25));
        Assert.Equal(0u, reader.ReadBits(3));
        Assert.Equal(127u, reader.ReadBits(7));
        Assert.Equal(8_388_607, reader.ReadSigned(24));
        Assert.Equal(0, reader.RemainingBits);
    }
}

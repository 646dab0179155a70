using Tracking.Core.Fixes;

namespace Tracking.Core.Tests.Fixes;

public sealed class DeviceIdsTests
{
    private const string AllowedCharacters = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-";

    public static TheoryData<char> EveryAllowedCharacter => new(AllowedCharacters);

    public static TheoryData<char> EveryOtherAsciiCharacter =>
        new(Enumerable.Range(0, 128).Select(code => (char)code).Where(c => !AllowedCharacters.Contains(c, StringComparison.Ordinal)));

    [Theory]
    [InlineData("1")]
    [InlineData("veh-1")]
    [InlineData("LE-ARV.07_b")]
    [InlineData("radio.2350017")]
    [InlineData("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")]
    [InlineData("0123456789_.-")]
    [InlineData("...")]
    [InlineData("-")]
    public void Well_formed_ids_are_valid(string id) => Assert.True(DeviceIds.IsValid(id));

    [Theory]
    [MemberData(nameof(EveryAllowedCharacter))]
    public void Every_allowed_character_alone_is_a_valid_id(char c) => Assert.True(DeviceIds.IsValid([c]));

    [Theory]
    [MemberData(nameof(EveryOtherAsciiCharacter))]
    public void Every_other_ascii_character_makes_an_id_invalid(char c)
    {
        Assert.False(DeviceIds.IsValid([c]));
        Assert.False(DeviceIds.IsValid("veh" + c + "1"));
    }

    [Fact]
    public void An_id_of_64_characters_is_valid()
    {
        Assert.Equal(64, DeviceIds.MaxLength);
        Assert.True(DeviceIds.IsValid(new string('a', 64)));
        Assert.True(DeviceIds.IsValid(AllowedCharacters.AsSpan(0, 64)));
    }

    [Fact]
    public void An_id_of_65_characters_is_invalid()
    {
        Assert.False(DeviceIds.IsValid(new string('a', 65)));
        Assert.False(DeviceIds.IsValid(AllowedCharacters));
    }

    [Fact]
    public void An_empty_id_is_invalid()
    {
        Assert.False(DeviceIds.IsValid(""));
        Assert.False(DeviceIds.IsValid(ReadOnlySpan<char>.Empty));
    }

    [Theory]
    [InlineData("bad id")]
    [InlineData(" veh-1")]
    [InlineData("veh-1 ")]
    [InlineData("veh/1")]
    [InlineData("veh+1")]
    [InlineData("veh#1")]
    [InlineData("+")]
    [InlineData("#")]
    [InlineData("/")]
    [InlineData("veh-1\n")]
    [InlineData("veh\t1")]
    [InlineData("veh\u00001")]
    public void Ids_with_spaces_or_mqtt_topic_characters_are_invalid(string id) => Assert.False(DeviceIds.IsValid(id));

    [Theory]
    [InlineData("\u00e9")]
    [InlineData("v\u00e9h-1")]
    [InlineData("\u00c9TAT")]
    [InlineData("\u0430bc")]
    [InlineData("\u0130d")]
    [InlineData("veh\uff11")]
    [InlineData("\u0661")]
    [InlineData("veh-1\u00a0")]
    [InlineData("\ud83d\ude93")]
    public void Ids_with_non_ascii_letters_digits_or_symbols_are_invalid(string id) => Assert.False(DeviceIds.IsValid(id));
}

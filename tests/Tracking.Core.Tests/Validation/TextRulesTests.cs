using System.Text.Json;
using Tracking.Core.Validation;

namespace Tracking.Core.Tests.Validation;

public sealed class TextRulesTests
{
    [Theory]
    [InlineData("Robert'); DROP TABLE officers; --")]
    [InlineData("$$; TRUNCATE visits; $$")]
    [InlineData("Zoë Ó'Brien 𝔘𝔫𝔦")]
    [InlineData("<img src=x onerror=alert(1)>")]
    public void Metacharacters_and_valid_Unicode_are_just_text(string value) => Assert.Null(TextRules.Problem(value, 200));

    [Fact]
    public void The_length_limit_counts_UTF16_code_units_and_names_both_figures()
    {
        Assert.Null(TextRules.Problem(new string('x', 200), 200));
        Assert.Equal("is 201 characters long: at most 200 are allowed", TextRules.Problem(new string('x', 201), 200));
    }

    [Theory]
    [InlineData("nul\0byte", "contains a control character (U+0000) at character 4")]
    [InlineData("bell\u0007", "contains a control character (U+0007) at character 5")]
    [InlineData("two\nlines", "contains a control character (U+000A) at character 4")]
    public void What_PostgreSQL_cannot_hold_is_refused_with_where(string value, string problem) =>
        Assert.Equal(problem, TextRules.Problem(value, 200));

    [Fact]
    public void A_lone_surrogate_is_refused_with_where()
    {
        // Built in code: a lone surrogate in an attribute's string does not survive compilation into metadata.
        Assert.Equal("is not valid Unicode (a lone surrogate at character 5)", TextRules.Problem("lone" + (char)0xD800 + "surrogate", 200));
        Assert.Equal("is not valid Unicode (a lone surrogate at character 1)", TextRules.Problem((char)0xDC00 + "first", 200));
        Assert.Equal("is not valid Unicode (a lone surrogate at character 5)", TextRules.Problem("last" + (char)0xD83D, 200));
    }

    [Fact]
    public void Notes_may_have_line_breaks_and_tabs_but_no_other_control_characters()
    {
        Assert.Null(TextRules.Problem("officer safe\r\n\tfalse alarm", 2_000, lineBreaks: true));
        Assert.NotNull(TextRules.Problem("officer safe\0", 2_000, lineBreaks: true));
    }

    [Fact]
    public void A_JSON_string_with_a_lone_surrogate_escape_is_reported_not_thrown()
    {
        using var document = JsonDocument.Parse("""["ok \u00e9", "bad \ud800", "pair \ud83d\ude00"]""");
        var items = document.RootElement.EnumerateArray().ToArray();

        Assert.True(JsonText.TryRead(items[0], out var ok));
        Assert.Equal("ok é", ok);
        Assert.False(JsonText.TryRead(items[1], out _));
        Assert.True(JsonText.TryRead(items[2], out var pair));
        Assert.Equal("pair 😀", pair);
    }
}

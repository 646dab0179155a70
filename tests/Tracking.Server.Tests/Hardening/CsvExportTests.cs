using Tracking.Server.Tests.Command;

namespace Tracking.Server.Tests.Hardening;

/// <summary>Text someone typed comes out of a CSV download shown, not run, when a spreadsheet opens it.</summary>
public sealed class CsvExportTests(CommandServerFixture fixture) : IClassFixture<CommandServerFixture>
{
    [Theory]
    [InlineData("=HYPERLINK(\"http://example.invalid\",\"review\")")]
    [InlineData("+1+cmd|' /C calc'!A0")]
    [InlineData("-2+3")]
    [InlineData("@SUM(A1:A2)")]
    public async Task A_formula_in_a_stated_purpose_is_written_with_a_leading_apostrophe(string purpose)
    {
        var device = "csv-" + Guid.NewGuid().ToString("N")[..8];
        var view = await fixture.Http.GetAsync($"/api/devices/{device}/track?purpose={Uri.EscapeDataString(purpose)}");
        Assert.True(view.IsSuccessStatusCode, $"{(int)view.StatusCode}");

        var csv = await fixture.Http.GetStringAsync($"/api/audit?subject={device}&format=csv");

        var row = Assert.Single(csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1));
        // The field starts with the apostrophe, inside the quotes when the text needs quoting.
        var field = purpose.Replace("\"", "\"\"", StringComparison.Ordinal);
        Assert.True(row.Contains(",'" + field, StringComparison.Ordinal) || row.Contains(",\"'" + field, StringComparison.Ordinal), row);
        Assert.DoesNotContain("," + field, row, StringComparison.Ordinal);
        Assert.DoesNotContain(",\"" + field, row, StringComparison.Ordinal);
    }
}

using System.Globalization;
using System.Text;
using CsvHelper;

namespace Tracking.Server.Reports;

/// <summary>
/// Writes a report's rows as a CSV download (RFC 4180, header row, invariant numbers, ISO times). Text that a spreadsheet
/// would run as a formula (starting with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, a tab or a carriage return: a stated
/// purpose, a name typed by someone) is written with a leading apostrophe, so opening the file shows it instead of running
/// it. Numbers are not text and stay as they are.
/// </summary>
internal static class CsvReport
{
    public static IResult File<T>(string name, IEnumerable<string> header, IEnumerable<T> rows, Func<T, IEnumerable<object?>> fields)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = CsvWriter.Create(text, new CsvWriterOptions { Separator = ',', NewLine = "\r\n" }, leaveOpen: true))
        {
            csv.WriteHeader([.. header]);
            foreach (var row in rows)
            {
                csv.WriteRecord([.. fields(row).Select(Format)]);
            }

            csv.Flush();
        }

        return Results.File(Encoding.UTF8.GetBytes(text.ToString()), "text/csv; charset=utf-8", name + ".csv");
    }

    private static string Format(object? value) => value switch
    {
        null => "",
        double d => d.ToString("0.###", CultureInfo.InvariantCulture),
        DateTimeOffset t => t.ToString("O", CultureInfo.InvariantCulture),
        DateOnly day => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        string text => Inert(text),
        IEnumerable<string> list => Inert(string.Join(' ', list)),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => Inert(value.ToString() ?? ""),
    };

    private static string Inert(string text) => text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + text : text;
}

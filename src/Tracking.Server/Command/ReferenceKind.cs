using Tracking.Storage.Command;

namespace Tracking.Server.Command;

/// <summary>
/// One kind of reference data (officers, accreditations, units, devices, shifts) as the API serves
/// it: how its rows are read and written as JSON and CSV, imported, and listed.
/// </summary>
internal sealed record ReferenceKind<T>(
    string Path,
    Func<Stream, ParsedRows<T>> ReadJson,
    Func<TextReader, ParsedRows<T>> ReadCsv,
    Action<Stream, IEnumerable<T>> WriteJson,
    Action<TextWriter, IEnumerable<T>> WriteCsv,
    Func<ReferenceStore, IReadOnlyList<T>, CancellationToken, Task<ImportResult>> Import,
    Func<ReferenceStore, DateTimeOffset?, DateTimeOffset?, CancellationToken, Task<List<T>>> List);

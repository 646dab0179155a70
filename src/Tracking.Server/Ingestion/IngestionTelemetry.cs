using System.Diagnostics;

namespace Tracking.Server.Ingestion;

/// <summary>
/// Trace spans of the pipeline (<c>receive</c> per device message, <c>store</c> per database batch), under the
/// activity source <c>Tracking.Ingestion</c>. Without a listener starting a span costs a null check.
/// </summary>
internal static class IngestionTelemetry
{
    public const string SourceName = "Tracking.Ingestion";

    public static readonly ActivitySource Source = new(SourceName);
}

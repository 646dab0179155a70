using Tracking.Storage.Analytics;

namespace Tracking.Server.Reports;

/// <summary>The supervisors' patrol analytics reports.</summary>
internal static class ReportsModule
{
    public static WebApplicationBuilder AddReports(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ReportData>();
        builder.Services.AddSingleton<VehicleDayStore>();
        builder.Services.AddSingleton<VehicleDays>();
        builder.Services.AddHostedService<VehicleDayMeasurement>();
        return builder;
    }

    public static WebApplication MapReportApi(this WebApplication app)
    {
        app.MapReportEndpoints();
        return app;
    }
}

using Tracking.Server;
using Tracking.Server.Api;
using Tracking.Server.Command;
using Tracking.Server.Devices;
using Tracking.Server.Health;
using Tracking.Server.Ingestion;
using Tracking.Server.LiveMap;
using Tracking.Server.OsmAnd;
using Tracking.Server.Patrol;
using Tracking.Server.Reports;
using Tracking.Server.Security;
using Tracking.Server.Storage;
using Tracking.Server.Web;

if (args.Length > 0 && args[0] == "migrate")
{
    return await MigrateCommand.RunAsync(args[1..]);
}

if (args.Length > 0 && args[0] == "visits")
{
    return await VisitsCommand.RunAsync(args[1..]);
}

if (args.Length > 0 && args[0] == "user")
{
    return await UserCommand.RunAsync(args[1..], UserCommand.ServerConfiguration(), Console.In, Console.Out, Console.Error);
}

var builder = WebApplication.CreateBuilder(args);
builder.AddStorage();
builder.AddIngestion();
builder.AddDeviceSecurity();
builder.AddOsmAnd();
builder.AddPatrol();
builder.AddCommand();
builder.AddLiveMap();
builder.AddWeb();
builder.AddReports();
builder.AddHealth();
builder.AddSecurity();
builder.Services.AddOpenApi();
BadRequestHandler.AddTo(builder.Services);

var app = builder.Build();
app.UseExceptionHandler();
app.UseSecurity();
app.MapOpenApi().RequireAuthorization(Policies.AnyRole);
app.MapSecurity();
app.MapHealth();
app.MapTrackingApi();
app.MapDeviceSecurityApi();
app.MapPatrolApi();
app.MapLocationApi();
app.MapCommandApi();
app.MapLiveMap();
app.MapWeb();
app.MapReportApi();
app.MapOsmAnd();
await app.RunAsync();
return 0;

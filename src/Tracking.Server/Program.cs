using Tracking.Server;
using Tracking.Server.Api;
using Tracking.Server.Command;
using Tracking.Server.Health;
using Tracking.Server.Ingestion;
using Tracking.Server.OsmAnd;
using Tracking.Server.Patrol;
using Tracking.Server.Storage;

if (args.Length > 0 && args[0] == "migrate")
{
    return await MigrateCommand.RunAsync(args[1..]);
}

var builder = WebApplication.CreateBuilder(args);
builder.AddStorage();
builder.AddIngestion();
builder.AddOsmAnd();
builder.AddPatrol();
builder.AddCommand();
builder.AddHealth();
builder.Services.AddOpenApi();

var app = builder.Build();
app.MapOpenApi();
app.MapHealth();
app.MapTrackingApi();
app.MapPatrolApi();
app.MapLocationApi();
app.MapCommandApi();
app.MapOsmAnd();
await app.RunAsync();
return 0;

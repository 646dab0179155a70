using Npgsql;
using Tracking.Storage.DeadLetters;
using Tracking.Storage.Devices;
using Tracking.Storage.Fixes;

namespace Tracking.Server.Storage;

/// <summary>PostgreSQL/PostGIS: one data source for the process, migrations at start, day partitions kept ahead.</summary>
internal static class StorageModule
{
    public const string ConnectionStringName = "Tracking";

    public static WebApplicationBuilder AddStorage(this WebApplicationBuilder builder)
    {
        var connectionString = builder.Configuration.GetConnectionString(ConnectionStringName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException(
                "ConnectionStrings:Tracking is not set. Set it in appsettings.json or the environment variable " +
                "ConnectionStrings__Tracking, e.g. \"Host=127.0.0.1;Port=5432;Username=tracking;Password=…;Database=tracking\".");
        }

        NpgsqlConnectionStringBuilder parsed;
        try
        {
            parsed = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException exception)
        {
            throw new InvalidOperationException($"ConnectionStrings:Tracking is not a valid PostgreSQL connection string: {exception.Message}", exception);
        }

        // The application name shows up in pg_stat_activity, so an operator can tell the server's sessions apart.
        parsed.ApplicationName ??= "tracking-server";
        builder.Services.AddSingleton(_ => NpgsqlDataSource.Create(parsed.ConnectionString));
        builder.Services.AddSingleton<FixQueries>();
        builder.Services.AddSingleton<DeviceStore>();
        builder.Services.AddSingleton<DeadLetterWriter>();
        builder.Services.AddHostedService<DatabaseStartup>();
        builder.Services.AddOptions<RetentionOptions>().BindConfiguration(RetentionOptions.Section)
            .Validate(o => o.Fixes >= RetentionOptions.Minimum, $"{RetentionOptions.Section}:Fixes must be at least 8 days (e.g. \"365.00:00:00\"): fixes up to 7 days old are still accepted.")
            .ValidateOnStart();
        builder.Services.AddHostedService<PartitionMaintenance>();
        return builder;
    }
}

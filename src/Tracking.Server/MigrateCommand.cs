using Npgsql;
using Tracking.Server.Storage;
using Tracking.Storage.Migrations;

namespace Tracking.Server;

/// <summary><c>Tracking.Server migrate</c>: applies the database migrations with the server's configuration and exits.</summary>
internal static class MigrateCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var configuration = new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables()
            .AddCommandLine(args)
            .Build();
        var connectionString = configuration.GetConnectionString(StorageModule.ConnectionStringName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            await Console.Error.WriteLineAsync("ConnectionStrings:Tracking is not set (environment variable ConnectionStrings__Tracking).");
            return 2;
        }

        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        var applied = await MigrationRunner.MigrateAsync(dataSource);
        Console.WriteLine(applied.Count == 0
            ? "The database is up to date."
            : $"Applied migrations {string.Join(", ", applied)}.");
        return 0;
    }
}

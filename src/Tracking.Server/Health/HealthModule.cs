using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;
using Tracking.Server.Mqtt;

namespace Tracking.Server.Health;

/// <summary><c>/health/live</c>: the process answers. <c>/health/ready</c>: PostgreSQL answers and MQTT ingestion takes messages.</summary>
internal static class HealthModule
{
    private const string ReadyTag = "ready";

    public static WebApplicationBuilder AddHealth(this WebApplicationBuilder builder)
    {
        builder.Services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database", tags: [ReadyTag])
            .AddCheck<BrokerHealthCheck>("broker", tags: [ReadyTag]);
        return builder;
    }

    public static WebApplication MapHealth(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new() { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new() { Predicate = check => check.Tags.Contains(ReadyTag) }).AllowAnonymous();
        return app;
    }

    private sealed class DatabaseHealthCheck(NpgsqlDataSource dataSource) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(TimeSpan.FromSeconds(3));
                await using var command = dataSource.CreateCommand("SELECT 1 FROM schema_migrations LIMIT 1");
                await command.ExecuteScalarAsync(timeout.Token);
                return HealthCheckResult.Healthy();
            }
            catch (Exception exception) when (exception is NpgsqlException or OperationCanceledException or IOException)
            {
                return HealthCheckResult.Unhealthy("PostgreSQL is unreachable or not migrated; accepted fixes wait in the journal", exception);
            }
        }
    }

    private sealed class BrokerHealthCheck(IBrokerStatus broker) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
            Task.FromResult(broker.IsReady
                ? HealthCheckResult.Healthy(broker.Description)
                : HealthCheckResult.Unhealthy(broker.Description + " is not taking messages"));
    }
}

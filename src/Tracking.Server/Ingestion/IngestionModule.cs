using Microsoft.Extensions.Options;
using Tracking.Core.Validation;
using Tracking.Server.Journal;
using Tracking.Server.Live;
using Tracking.Server.Mqtt;

namespace Tracking.Server.Ingestion;

/// <summary>The ingestion pipeline: MQTT (embedded broker or external client) → decode → validate → journal → PostgreSQL, and live state.</summary>
internal static class IngestionModule
{
    public static WebApplicationBuilder AddIngestion(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton(TimeProvider.System);
        services.AddOptions<TrackingOptions>().BindConfiguration(TrackingOptions.Section);
        services.AddOptions<FixValidationOptions>().BindConfiguration(TrackingOptions.Section + ":Validation")
            .Validate(o => o.MaxFutureSkew >= TimeSpan.Zero && o.Horizon > TimeSpan.Zero && o.MaxSpeed > 0,
                "Tracking:Validation: MaxFutureSkew must be ≥ 0, Horizon > 0 (e.g. \"7.00:00:00\") and MaxSpeed > 0 (m/s).")
            .ValidateOnStart();
        services.AddOptions<JournalOptions>().BindConfiguration(JournalOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<MqttOptions>().BindConfiguration(MqttOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<MqttOptions>, MqttOptionsValidator>();

        services.AddSingleton(sp => new FixValidator(sp.GetRequiredService<IOptions<FixValidationOptions>>().Value));
        services.AddSingleton<IngestStats>();
        services.AddSingleton<RejectionLog>();
        services.AddSingleton<LiveState>();
        services.AddSingleton<DeviceRegistry>();
        services.AddHostedService(sp => sp.GetRequiredService<DeviceRegistry>());
        services.AddSingleton<DeadLetterQueue>();
        services.AddHostedService(sp => sp.GetRequiredService<DeadLetterQueue>());
        services.AddSingleton(sp =>
        {
            var journal = ActivatorUtilities.CreateInstance<FixJournal>(sp);
            var live = sp.GetRequiredService<LiveState>();
            journal.Durable += live.OfferAll;
            sp.GetRequiredService<IngestStats>().JournalPending = () => journal.PendingAppends;
            return journal;
        });
        services.AddHostedService<JournalDrainer>();
        services.AddSingleton<FixIngestor>();

        var mode = builder.Configuration.GetValue(MqttOptions.Section + ":Mode", MqttMode.Embedded);
        if (mode == MqttMode.External)
        {
            services.AddSingleton<ExternalBrokerClient>();
            services.AddSingleton<IBrokerStatus>(sp => sp.GetRequiredService<ExternalBrokerClient>());
            services.AddHostedService(sp => sp.GetRequiredService<ExternalBrokerClient>());
        }
        else
        {
            services.AddSingleton<EmbeddedBroker>();
            services.AddSingleton<IBrokerStatus>(sp => sp.GetRequiredService<EmbeddedBroker>());
            services.AddHostedService(sp => sp.GetRequiredService<EmbeddedBroker>());
        }

        return builder;
    }
}

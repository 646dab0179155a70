using Tracking.Server.Api;
using Tracking.Storage.Devices;

namespace Tracking.Server.Devices;

/// <summary>Device security: secrets and service accounts, topic permissions, per-device rate limits, and their REST API.</summary>
internal static class DeviceSecurityModule
{
    public static WebApplicationBuilder AddDeviceSecurity(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<DeviceSecurityOptions>().BindConfiguration(DeviceSecurityOptions.Section)
            .ValidateDataAnnotations()
            .Validate(o => o.RefreshInterval >= TimeSpan.FromSeconds(1), $"{DeviceSecurityOptions.Section}:RefreshInterval must be at least 00:00:01.")
            .ValidateOnStart();
        services.AddSingleton<DeviceCredentialStore>();
        services.AddSingleton<BrokerAccountStore>();
        services.AddSingleton<CredentialDirectory>();
        services.AddHostedService(sp => sp.GetRequiredService<CredentialDirectory>());
        services.AddSingleton<SecurityStats>();
        services.AddSingleton<SecurityLog>();
        services.AddSingleton<DeviceRateLimiter>();
        services.AddSingleton<PublishAdmission>();
        return builder;
    }

    public static WebApplication MapDeviceSecurityApi(this WebApplication app)
    {
        app.MapDeviceSecretApi();
        app.MapBrokerAccountApi();
        return app;
    }
}

using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;

namespace Tracking.Server.Tests.Journal;

/// <summary>The least <see cref="IHostEnvironment"/> the journal needs: a content root its relative directory resolves against.</summary>
internal sealed class TestHostEnvironment(string contentRoot) : IHostEnvironment
{
    public string EnvironmentName { get; set; } = Environments.Development;

    public string ApplicationName { get; set; } = "Tracking.Server.Tests";

    public string ContentRootPath { get; set; } = contentRoot;

    public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
}

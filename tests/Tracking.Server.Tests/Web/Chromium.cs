namespace Tracking.Server.Tests.Web;

/// <summary>
/// The Chromium the browser tests drive: Debian's package, installed by <c>./test.sh</c> through
/// <c>scripts/chromium.sh</c>. Playwright is handed this executable and never downloads a browser of its own.
/// </summary>
public static class Chromium
{
    /// <summary>Debian's browser binary (<c>/usr/bin/chromium</c> is a shell wrapper around it).</summary>
    private const string DebianExecutable = "/usr/lib/chromium/chromium";

    /// <summary><c>TRACKING_CHROMIUM</c> when set, else Debian's binary, else <c>chromium</c> on the PATH.</summary>
    public static string Executable()
    {
        if (Environment.GetEnvironmentVariable("TRACKING_CHROMIUM") is { Length: > 0 } configured)
        {
            return File.Exists(configured)
                ? configured
                : throw new InvalidOperationException($"TRACKING_CHROMIUM={configured} does not exist.");
        }

        if (File.Exists(DebianExecutable))
        {
            return DebianExecutable;
        }

        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, "chromium"))
            .FirstOrDefault(File.Exists);
        return onPath ?? throw new InvalidOperationException(
            "No Chromium for the browser tests: run scripts/chromium.sh install (./test.sh does), or set TRACKING_CHROMIUM to a Chromium executable.");
    }
}

using System.Diagnostics;
using Npgsql;

namespace Tracking.Benchmarks.EndToEnd;

/// <summary>What the numbers were measured on, printed above them: cores, CPU model, runtime and the versions of the other parts.</summary>
internal static class MachineInfo
{
    public static async Task<IReadOnlyList<string>> DescribeAsync(E2eOptions options, RepoPaths paths)
    {
        var lines = new List<string>
        {
            $"date: {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC",
            $"cores (nproc): {Environment.ProcessorCount}",
            $"cpu: {CpuModel()}",
            $".NET: {Environment.Version}, server GC for the server (ASP.NET default)",
            $"mosquitto: {FirstLine(options.Mosquitto, "-h")}",
            $"code: commit {FirstLine("git", "rev-parse --short HEAD", paths.Root)}{(FirstLine("git", "status --porcelain --untracked-files=no", paths.Root).Length > 0 ? " with uncommitted changes" : "")}",
        };
        try
        {
            await using var connection = new NpgsqlConnection(options.PostgresConnection);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT version() || ', PostGIS ' || (SELECT default_version FROM pg_available_extensions WHERE name = 'postgis')", connection);
            lines.Add($"postgres: {await command.ExecuteScalarAsync()}");
        }
        catch (NpgsqlException exception)
        {
            lines.Add($"postgres: unreachable ({exception.Message})");
        }

        return lines;
    }

    private static string CpuModel()
    {
        foreach (var line in File.ReadLines("/proc/cpuinfo"))
        {
            if (line.StartsWith("model name", StringComparison.Ordinal))
            {
                return line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
            }
        }

        return "unknown";
    }

    private static string FirstLine(string file, string argument, string? directory = null)
    {
        try
        {
            var info = new ProcessStartInfo(file, argument) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = directory ?? Environment.CurrentDirectory };
            using var process = Process.Start(info)!;
            var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
            process.WaitForExit();
            return output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "";
        }
        catch (System.ComponentModel.Win32Exception exception)
        {
            return exception.Message;
        }
    }
}

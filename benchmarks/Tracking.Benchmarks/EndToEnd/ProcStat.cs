using System.Diagnostics;
using System.Globalization;

namespace Tracking.Benchmarks.EndToEnd;

/// <summary>
/// Reads CPU time from Linux <c>/proc</c> (proc(5)): <c>/proc/PID/stat</c> fields 14–15 (utime, stime) in clock ticks,
/// field 4 (ppid); <c>/proc/stat</c>'s first line for the whole machine. We read /proc rather than <see cref="Process"/>
/// because PostgreSQL's processes belong to another user and come and go, and because an exited child's CPU must be
/// read while it is still running (its last sample is kept by <see cref="CpuMeter"/>).
/// </summary>
internal static class ProcStat
{
    /// <summary>Clock ticks per second (USER_HZ): 100 on every Linux we run on; asked of getconf once to be sure.</summary>
    public static double TicksPerSecond { get; } = ReadTicksPerSecond();

    /// <summary>utime + stime of one process in ticks, or null when it is gone.</summary>
    public static long? ProcessTicks(int pid)
    {
        var fields = Fields(pid);
        return fields is null ? null : long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
    }

    /// <summary>Children of <paramref name="pid"/>, from <c>/proc/PID/task/*/children</c> (or a scan of /proc when the kernel lacks it).</summary>
    public static List<int> Children(int pid)
    {
        var children = new List<int>();
        var tasks = $"/proc/{pid}/task";
        if (!Directory.Exists(tasks))
        {
            return children;
        }

        var any = false;
        foreach (var task in Directory.EnumerateDirectories(tasks))
        {
            var file = Path.Combine(task, "children");
            if (!File.Exists(file))
            {
                continue;
            }

            any = true;
            foreach (var part in ReadOrEmpty(file).Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                children.Add(int.Parse(part, CultureInfo.InvariantCulture));
            }
        }

        return any ? children : ScanForChildren(pid);
    }

    /// <summary>The process title (PostgreSQL rewrites argv, e.g. <c>postgres: user db 127.0.0.1(5555) idle</c>).</summary>
    public static string CommandLine(int pid) => ReadOrEmpty($"/proc/{pid}/cmdline").Replace('\0', ' ').Trim();

    /// <summary>
    /// Busy ticks of the whole machine, all CPUs, from <c>/proc/stat</c>: user, nice, system, irq, softirq (fields 1–3, 6–7);
    /// not idle, iowait, or steal (time the hypervisor gave to another machine is nobody's work here).
    /// </summary>
    public static long MachineBusyTicks()
    {
        using var reader = new StreamReader("/proc/stat");
        var cpu = reader.ReadLine()!.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        long busy = 0;
        for (var i = 1; i < cpu.Length && i <= 7; i++)
        {
            if (i is 4 or 5)
            {
                continue; // idle, iowait
            }

            busy += long.Parse(cpu[i], CultureInfo.InvariantCulture);
        }

        return busy;
    }

    private static List<int> ScanForChildren(int pid)
    {
        var children = new List<int>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var candidate)
                && Fields(candidate) is { } fields
                && fields[1] == pid.ToString(CultureInfo.InvariantCulture))
            {
                children.Add(candidate);
            }
        }

        return children;
    }

    /// <summary>The fields after the command name (which may hold spaces and parentheses): index 0 is field 3, state.</summary>
    private static string[]? Fields(int pid)
    {
        var stat = ReadOrEmpty($"/proc/{pid}/stat");
        var end = stat.LastIndexOf(')');
        return end < 0 ? null : stat[(end + 2)..].Split(' ');
    }

    private static string ReadOrEmpty(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return string.Empty; // the process exited between listing and reading
        }
    }

    private static double ReadTicksPerSecond()
    {
        try
        {
            using var getconf = Process.Start(new ProcessStartInfo("getconf", "CLK_TCK") { RedirectStandardOutput = true })!;
            var text = getconf.StandardOutput.ReadToEnd();
            getconf.WaitForExit();
            return double.Parse(text.Trim(), CultureInfo.InvariantCulture);
        }
        catch (Exception exception) when (exception is System.ComponentModel.Win32Exception or FormatException)
        {
            return 100;
        }
    }
}

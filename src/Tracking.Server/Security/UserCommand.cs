using Npgsql;
using Tracking.Server.Storage;
using Tracking.Storage.Migrations;
using Tracking.Storage.Security;

namespace Tracking.Server.Security;

/// <summary>
/// <c>Tracking.Server user …</c>: user administration from the command line, with the server's configuration, for a
/// fresh install (the first administrator) and for scripts. Passwords are read from standard input (one line), never
/// from the command line, where other users of the machine could see them. Each change is audited as
/// <see cref="CommandLineUser"/>.
/// <code>
/// user add &lt;name&gt; --role &lt;role&gt; [--role &lt;role&gt;…] [--display-name &lt;text&gt;] [--no-password]
/// user password &lt;name&gt;
/// user token &lt;name&gt; --name &lt;what it is for&gt; [--days &lt;n&gt;]
/// </code>
/// </summary>
internal static class UserCommand
{
    public const string CommandLineUser = "command-line";

    private const string Usage = """
        Usage:
          Tracking.Server user add <name> --role <role> [--role <role>...] [--display-name <text>] [--no-password]
              (the password is read from standard input: one line, at least 12 characters)
          Tracking.Server user password <name>          (the new password from standard input)
          Tracking.Server user token <name> --name <what it is for> [--days <n>]   (prints the token, shown only this once)
        Roles: dispatcher, supervisor, analyst, administrator.
        """;

    /// <summary>The server's configuration as <c>migrate</c> reads it: appsettings.json, then the environment.</summary>
    public static IConfiguration ServerConfiguration() => new ConfigurationBuilder()
        .SetBasePath(AppContext.BaseDirectory)
        .AddJsonFile("appsettings.json", optional: true)
        .AddEnvironmentVariables()
        .Build();

    public static async Task<int> RunAsync(string[] args, IConfiguration configuration, TextReader input, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (args.Length < 2 || !UserNames.IsValid(args[1]))
        {
            await error.WriteLineAsync(Usage);
            return 2;
        }

        var (verb, name) = (args[0], args[1]);
        var options = Options(args[2..]);
        if (options is null)
        {
            await error.WriteLineAsync(Usage);
            return 2;
        }

        var connectionString = configuration.GetConnectionString(StorageModule.ConnectionStringName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            await error.WriteLineAsync("ConnectionStrings:Tracking is not set (environment variable ConnectionStrings__Tracking).");
            return 2;
        }

        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await MigrationRunner.MigrateAsync(dataSource);
        var users = new UserStore(dataSource);
        var audit = new AuditLog(dataSource);
        var passwords = new UserPasswords();
        switch (verb)
        {
            case "add":
            {
                var roles = options.GetValueOrDefault("role") ?? [];
                if (UserEndpoints.RolesProblem(roles) is { } problem || roles.Count == 0)
                {
                    await error.WriteLineAsync("Give at least one --role: dispatcher, supervisor, analyst or administrator.");
                    return 2;
                }

                string? hash = null;
                if (!options.ContainsKey("no-password"))
                {
                    var password = await input.ReadLineAsync();
                    if (UserPasswords.Problem(password) is { } passwordProblem)
                    {
                        await error.WriteLineAsync(passwordProblem + " (read from standard input)");
                        return 2;
                    }

                    hash = passwords.Hash(name, password!);
                }

                var displayName = options.GetValueOrDefault("display-name")?.LastOrDefault() ?? name;
                if (!await users.CreateAsync(name, displayName, hash, roles.Distinct(StringComparer.Ordinal).ToList()))
                {
                    await error.WriteLineAsync($"A user named {name} exists already.");
                    return 1;
                }

                await AuditAsync(audit, AuditActions.UserCreate, name, "user add");
                await output.WriteLineAsync($"Added {name} with the role{(roles.Count == 1 ? "" : "s")} {string.Join(", ", roles)}.");
                return 0;
            }

            case "password":
            {
                var password = await input.ReadLineAsync();
                if (UserPasswords.Problem(password) is { } passwordProblem)
                {
                    await error.WriteLineAsync(passwordProblem + " (read from standard input)");
                    return 2;
                }

                if (!await users.SetPasswordHashAsync(name, passwords.Hash(name, password!)))
                {
                    await error.WriteLineAsync($"There is no user named {name}.");
                    return 1;
                }

                await AuditAsync(audit, AuditActions.UserPassword, name, "user password");
                await output.WriteLineAsync($"Set the password of {name}.");
                return 0;
            }

            case "token":
            {
                var tokenName = options.GetValueOrDefault("name")?.LastOrDefault();
                var days = options.GetValueOrDefault("days")?.LastOrDefault() ?? "365";
                if (string.IsNullOrWhiteSpace(tokenName) || !int.TryParse(days, System.Globalization.CultureInfo.InvariantCulture, out var lifetime) || lifetime < 1)
                {
                    await error.WriteLineAsync("Give --name <what the token is for> and, optionally, --days <n> (1 or more).");
                    return 2;
                }

                var issued = await new ApiTokenStore(dataSource).IssueAsync(name, tokenName, DateTimeOffset.UtcNow.AddDays(lifetime));
                if (issued is null)
                {
                    await error.WriteLineAsync($"There is no user named {name}.");
                    return 1;
                }

                await AuditAsync(audit, AuditActions.TokenIssue, name, "user token");
                // The token alone on standard output, so a script can capture it; the rest to standard error.
                await output.WriteLineAsync(issued.Token);
                await error.WriteLineAsync($"Issued token {issued.Id} \"{tokenName}\" for {name}, valid until {issued.ExpiresAt:O}. It is not shown again.");
                return 0;
            }

            default:
                await error.WriteLineAsync(Usage);
                return 2;
        }
    }

    private static Task AuditAsync(AuditLog audit, string action, string subject, string command) =>
        audit.AppendAsync(new AuditEntry(CommandLineUser, action, subject, null, "cli:" + command, null, Environment.UserName));

    /// <summary>--key value pairs (--no-password has no value); null when malformed.</summary>
    private static Dictionary<string, List<string>>? Options(string[] args)
    {
        var options = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                return null;
            }

            var key = args[i][2..];
            if (key == "no-password")
            {
                options[key] = [];
                continue;
            }

            if (key is not ("role" or "display-name" or "name" or "days") || i + 1 >= args.Length)
            {
                return null;
            }

            if (!options.TryGetValue(key, out var values))
            {
                options[key] = values = [];
            }

            values.Add(args[++i]);
        }

        return options;
    }
}

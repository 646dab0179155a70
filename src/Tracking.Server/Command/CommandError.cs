namespace Tracking.Server.Command;

/// <summary>Why the control room refused a request; the endpoints turn it into an HTTP status.</summary>
internal enum CommandErrorKind
{
    /// <summary>404: no such incident, unit or alarm.</summary>
    NotFound,

    /// <summary>409: it cannot be done in the current state (closed incident, unit off duty, alarm already cleared).</summary>
    Conflict,

    /// <summary>400: the request itself is wrong.</summary>
    Invalid,
}

/// <summary>A refusal with the reason in words.</summary>
internal sealed record CommandError(CommandErrorKind Kind, string Message)
{
    public IResult ToHttp() => Kind switch
    {
        CommandErrorKind.NotFound => Results.NotFound(new { error = Message }),
        CommandErrorKind.Conflict => Results.Conflict(new { error = Message }),
        _ => BadRequest(Message),
    };

    /// <summary>400 with one reason, in the same shape as a list of them.</summary>
    public static IResult BadRequest(string error) => Results.BadRequest(new { errors = new[] { error } });
}

/// <summary>A value or a refusal.</summary>
internal readonly record struct CommandResult<T>(T? Value, CommandError? Error)
{
    public static implicit operator CommandResult<T>(T value) => new(value, null);

    public static implicit operator CommandResult<T>(CommandError error) => new(default, error);
}

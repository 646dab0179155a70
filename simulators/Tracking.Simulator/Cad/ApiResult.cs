namespace Tracking.Simulator.Cad;

/// <summary>The outcome of one API call: its status, the answer when there is one, and a short detail otherwise.</summary>
public sealed record ApiResult<T>(ApiStatus Status, T? Value, string? Detail = null)
{
    public bool IsOk => Status == ApiStatus.Ok;
}

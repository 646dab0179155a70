using Microsoft.Extensions.Options;

namespace Tracking.Server.Security;

/// <summary>Refuses to start with invalid <see cref="SecurityOptions"/>, naming each problem and what to set.</summary>
internal sealed class SecurityOptionsValidator : IValidateOptions<SecurityOptions>
{
    public ValidateOptionsResult Validate(string? name, SecurityOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = options.Problems();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}

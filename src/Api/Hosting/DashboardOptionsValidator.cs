using Microsoft.Extensions.Options;
using RunTasks.Grains.Hosting;

namespace RunTasks.Api.Hosting;

/// <summary>Half a credential would leave the dashboard open while the operator believes it is locked.</summary>
public sealed class DashboardOptionsValidator : IValidateOptions<DashboardOptions>
{
    public ValidateOptionsResult Validate(string? name, DashboardOptions options) =>
        string.IsNullOrEmpty(options.Username) == string.IsNullOrEmpty(options.Password)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail("Dashboard:Username and Dashboard:Password must be set together.");
}

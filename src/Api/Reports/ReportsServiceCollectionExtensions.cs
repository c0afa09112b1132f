using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace RunTasks.Api.Reports;

public static class ReportsServiceCollectionExtensions
{
    /// <summary>
    /// The history API's access: API tokens (<c>RunTasks:Reports:ApiTokenHashes</c>) through their authentication
    /// scheme, and the policy every API route requires. Only in Development with no token configured is it open.
    /// </summary>
    public static WebApplicationBuilder AddRunTasksReports(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<ReportsOptions>().Bind(builder.Configuration.GetSection(ReportsOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ReportsOptions>, ReportsOptionsValidator>();
        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, ApiTokenAuthenticationHandler>(ApiTokenAuthenticationHandler.SchemeName, null);
        var open = builder.Environment.IsDevelopment()
            && builder.Configuration.GetSection(ReportsOptions.Section).GetSection(nameof(ReportsOptions.ApiTokenHashes)).GetChildren().All(c => string.IsNullOrEmpty(c.Value));
        services.AddAuthorizationBuilder().AddPolicy(ReportsApiEndpoints.Policy, policy =>
        {
            policy.AddAuthenticationSchemes(ApiTokenAuthenticationHandler.SchemeName);
            if (open)
            {
                policy.RequireAssertion(_ => true);
            }
            else
            {
                policy.RequireAuthenticatedUser();
            }
        });
        return builder;
    }

    public static WebApplication MapRunTasksReports(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapReportsApi();
        return app;
    }
}

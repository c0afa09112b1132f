using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Options;
using RunTasks.Api.Hosting;
using RunTasks.Grains.Configuration;

namespace RunTasks.Api.ReportPages;

/// <summary>
/// Who reaches /reports. With <c>RunTasks:Reports:Authority</c> people sign in with OpenID Connect on the public port
/// and must be in an allowed group or e-mail domain; without it the pages answer only on the management port (or the
/// one port in Development), behind the dashboard's credentials, and not at all in Production without them.
/// </summary>
public static partial class ReportsAccess
{
    public const string BasePath = "/reports";
    public const string ReaderPolicy = "reports-reader";
    internal const string CookieScheme = "reports-cookie";
    internal const string OidcScheme = "reports-oidc";
    internal const string CallbackPath = BasePath + "/signin-oidc";

    public static WebApplicationBuilder AddReportsAccess(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(ReportsSignInOptions.Section);
        builder.Services.AddOptions<ReportsSignInOptions>().Bind(section).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<ReportsSignInOptions>, ReportsSignInOptionsValidator>();
        var settings = section.Get<ReportsSignInOptions>() ?? new ReportsSignInOptions();
        var onePort = builder.Environment.IsDevelopment() && !ManagementPort.From(builder.Configuration).IsConfigured;
        builder.Services.AddSingleton(new ReportLinks(settings.SignInConfigured || onePort));
        if (!settings.SignInConfigured)
        {
            return builder;
        }

        var publicBase = builder.Configuration.GetSection(RunTasksOptions.Section).Get<RunTasksOptions>()?.PublicBaseUrl;
        builder.Services.AddAuthentication()
            .AddCookie(CookieScheme, o =>
            {
                o.Cookie.Name = "runtasks-reports";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.ExpireTimeSpan = settings.SessionLifetime;
                o.SlidingExpiration = false;
                o.ForwardChallenge = OidcScheme;
                o.Events.OnRedirectToAccessDenied = context =>
                {
                    context.Response.StatusCode = StatusCodes.Status403Forbidden;
                    return Task.CompletedTask;
                };
            })
            .AddOpenIdConnect(OidcScheme, o =>
            {
                o.SignInScheme = CookieScheme;
                o.Authority = settings.Authority;
                o.ClientId = settings.ClientId;
                o.ClientSecret = settings.ClientSecretPath is { Length: > 0 } path ? File.ReadAllText(path).Trim() : settings.ClientSecret;
                o.RequireHttpsMetadata = settings.RequireHttpsMetadata;
                o.ResponseType = "code";
                o.ResponseMode = "query"; // a top-level GET back: the correlation cookies can stay SameSite=Lax
                o.UsePkce = true;
                o.MapInboundClaims = false;
                o.SaveTokens = false; // the provider's tokens are not needed after sign-in, so they are not kept in the cookie
                o.CallbackPath = CallbackPath;
                o.Scope.Add("email");
                foreach (var scope in settings.Scopes)
                {
                    o.Scope.Add(scope);
                }
                o.TokenValidationParameters.NameClaimType = "name";
                o.CorrelationCookie.SameSite = SameSiteMode.Lax;
                o.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.NonceCookie.SameSite = SameSiteMode.Lax;
                o.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                if (publicBase is { Length: > 0 })
                {
                    // Behind a proxy that terminates TLS the request's own scheme and host would be wrong.
                    o.Events.OnRedirectToIdentityProvider = context =>
                    {
                        context.ProtocolMessage.RedirectUri = publicBase.TrimEnd('/') + CallbackPath;
                        return Task.CompletedTask;
                    };
                }
            });
        builder.Services.AddAuthorizationBuilder().AddPolicy(ReaderPolicy, policy => policy
            .AddAuthenticationSchemes(CookieScheme)
            .RequireAuthenticatedUser()
            .RequireAssertion(context => ReaderRule.Allows(context.User, settings)));
        return builder;
    }

    /// <summary>
    /// The group the report pages are mapped on, with its door; null when the pages are not served (Production without
    /// sign-in, management port or dashboard credentials — said once in the log).
    /// </summary>
    public static RouteGroupBuilder? MapReportsGroup(this WebApplication app)
    {
        var settings = app.Services.GetRequiredService<IOptions<ReportsSignInOptions>>().Value;
        if (settings.SignInConfigured)
        {
            return app.MapGroup(BasePath).RequireAuthorization(ReaderPolicy);
        }

        var management = app.Services.GetRequiredService<ManagementPort>();
        var dashboard = app.Services.GetRequiredService<IOptions<DashboardOptions>>().Value;
        var development = app.Environment.IsDevelopment();
        if (!development && (!management.IsConfigured || !dashboard.HasCredentials))
        {
            app.Lifetime.ApplicationStarted.Register(() => LogReportsOff(app.Logger, ReportsSignInOptions.Section, ManagementPort.UrlsKey));
            return null;
        }

        app.UseWhen(c => c.Request.Path.StartsWithSegments(BasePath), branch =>
        {
            branch.Use(management.Gate);
            branch.UseMiddleware<DashboardBasicAuth>(dashboard);
        });
        return app.MapGroup(BasePath);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The reports are not served: set {Key}:Authority (OpenID Connect sign-in), or {ManagementKey} with Dashboard:Username and Dashboard:Password.")]
    private static partial void LogReportsOff(ILogger logger, string key, string managementKey);
}

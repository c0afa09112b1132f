using Microsoft.AspNetCore.Hosting;

namespace RunTasks.Api.Hosting;

/// <summary>
/// The public port: whatever ASPNETCORE_URLS, --urls, ASPNETCORE_HTTP(S)_PORTS or Kestrel:Endpoints say, and
/// http://localhost:8080 only when none of them is set (the launch profile sets none, so they are honoured).
/// </summary>
public static class PublicUrls
{
    public const string Default = "http://localhost:8080";

    public const string HowToChange = "ASPNETCORE_URLS or --urls";

    public static void ApplyDefault(WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var configured = new[] { WebHostDefaults.ServerUrlsKey, WebHostDefaults.HttpPortsKey, WebHostDefaults.HttpsPortsKey }
            .Any(key => !string.IsNullOrWhiteSpace(builder.WebHost.GetSetting(key)))
            || builder.Configuration.GetSection("Kestrel:Endpoints").GetChildren().Any();
        if (!configured)
        {
            builder.WebHost.UseUrls(Default);
        }
    }

    /// <summary>The URLs Kestrel will listen on, each with the setting that moves it.</summary>
    public static IEnumerable<(string Url, string Key)> Of(IConfiguration configuration, ManagementPort management)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(management);
        var urls = configuration[WebHostDefaults.ServerUrlsKey]?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];
        return urls.Select(url => (url, management.Urls.Contains(url) ? ManagementPort.UrlsKey : HowToChange));
    }
}

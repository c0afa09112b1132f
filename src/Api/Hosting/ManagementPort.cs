using Microsoft.AspNetCore.Hosting;
using RunTasks.Grains.Hosting;

namespace RunTasks.Api.Hosting;

/// <summary>
/// The management port (<c>RunTasks:ManagementUrls</c>, e.g. <c>http://0.0.0.0:9090</c>): Kestrel listens on it beside the
/// public URLs, and the dashboard and /metrics answer only there. Requests are told apart by the local port they
/// arrived on, not by the Host header, which a caller chooses.
/// </summary>
public sealed class ManagementPort
{
    public const string UrlsKey = "RunTasks:ManagementUrls";

    private readonly HashSet<int> _ports;

    private ManagementPort(IReadOnlyList<string> urls)
    {
        Urls = urls;
        _ports = [.. urls.Select(u => new Uri(u.Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal)).Port)];
    }

    public IReadOnlyList<string> Urls { get; }

    public bool IsConfigured => Urls.Count > 0;

    /// <summary>Reads the setting as one ';'-separated string (as ASPNETCORE_URLS) or as an array; a bad URL stops start-up naming the key.</summary>
    public static ManagementPort From(IConfiguration configuration)
    {
        var section = configuration.GetSection(UrlsKey);
        var values = section.Value is { Length: > 0 } single ? [single] : section.GetChildren().Select(c => c.Value ?? "").ToArray();
        var urls = values.SelectMany(v => v.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
        foreach (var url in urls)
        {
            var probe = url.Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal);
            if (!Uri.TryCreate(probe, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.IsDefaultPort && !probe.Contains(":" + uri.Port, StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"{UrlsKey}: '{url}' is not an http(s) URL with an explicit port, e.g. http://0.0.0.0:9090.");
            }
        }
        return new ManagementPort(urls);
    }

    /// <summary>Adds the management URLs to the ones Kestrel already listens on (ASPNETCORE_URLS, --urls, UseUrls).</summary>
    public void Listen(WebApplicationBuilder builder)
    {
        if (!IsConfigured)
        {
            return;
        }

        var current = builder.WebHost.GetSetting(WebHostDefaults.ServerUrlsKey);
        var publicUrls = string.IsNullOrWhiteSpace(current) ? ["http://localhost:5000"] : current.Split(';', StringSplitOptions.RemoveEmptyEntries);
        builder.WebHost.UseUrls([.. publicUrls, .. Urls]);
    }

    public bool Accepts(HttpContext context) => !IsConfigured || _ports.Contains(context.Connection.LocalPort);
}

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
    /// <exception cref="StartupException">A URL is not http(s) with an explicit port.</exception>
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
                throw new StartupException($"{UrlsKey}: '{url}' is not an http(s) URL with an explicit port, e.g. http://0.0.0.0:9090.");
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

        // UseUrls replaces ASPNETCORE_HTTP(S)_PORTS, so those ports are carried over as URLs.
        static IEnumerable<string> Split(string? value) => value?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];
        var urls = Split(builder.WebHost.GetSetting(WebHostDefaults.ServerUrlsKey)).ToList();
        var publicUrls = urls.Count > 0
            ? urls
            : [.. Split(builder.WebHost.GetSetting(WebHostDefaults.HttpPortsKey)).Select(p => $"http://*:{p}"),
               .. Split(builder.WebHost.GetSetting(WebHostDefaults.HttpsPortsKey)).Select(p => $"https://*:{p}")];
        builder.WebHost.UseUrls([.. publicUrls.Count > 0 ? publicUrls : [PublicUrls.Default], .. Urls]);
    }

    public bool Accepts(HttpContext context) => !IsConfigured || IsManagementRequest(context);

    /// <summary>Middleware for the management-only paths: 404 for a request that did not arrive on the management port.</summary>
    public Task Gate(HttpContext context, RequestDelegate next)
    {
        if (Accepts(context))
        {
            return next(context);
        }

        context.Response.StatusCode = StatusCodes.Status404NotFound;
        return Task.CompletedTask;
    }

    /// <summary>True only for a request that arrived on a configured management port.</summary>
    public bool IsManagementRequest(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return IsConfigured && _ports.Contains(context.Connection.LocalPort);
    }
}

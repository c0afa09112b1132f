using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using RunTasks.Grains.Hosting;

namespace RunTasks.Api.Hosting;

/// <summary>HTTP basic authentication in front of /dashboard, when a username and password are configured.</summary>
public sealed class DashboardBasicAuth(RequestDelegate next, DashboardOptions settings)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (settings.Username is not { Length: > 0 } user || settings.Password is not { Length: > 0 } password)
        {
            return next(context);
        }

        if (AuthenticationHeaderValue.TryParse(context.Request.Headers.Authorization, out var header)
            && header.Scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase)
            && header.Parameter is { } parameter
            && Matches(parameter, $"{user}:{password}"))
        {
            return next(context);
        }

        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        context.Response.Headers.WWWAuthenticate = "Basic realm=\"RunTasks dashboard\"";
        return Task.CompletedTask;
    }

    private static bool Matches(string parameter, string expected)
    {
        byte[] presented;
        try
        {
            presented = Convert.FromBase64String(parameter);
        }
        catch (FormatException)
        {
            return false;
        }
        return CryptographicOperations.FixedTimeEquals(SHA256.HashData(presented), SHA256.HashData(Encoding.UTF8.GetBytes(expected)));
    }
}

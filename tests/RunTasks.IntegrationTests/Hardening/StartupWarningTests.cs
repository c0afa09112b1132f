using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using RunTasks.Api.Hosting;
using RunTasks.Testing;

namespace RunTasks.IntegrationTests.Hardening;

/// <summary>What a process that does start says about the choices it was given.</summary>
public sealed class StartupWarningTests
{
    [Fact]
    public async Task Allow_unsigned_starts_in_production_without_keys_and_warns()
    {
        var logs = await StartAndStopAsync(new() { ["RunTasks:AllowUnsigned"] = "true" });

        Assert.Contains("No RunTasks:HmacKeys configured (RunTasks:AllowUnsigned=true)", logs.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Short_reminder_period_is_explained_in_one_line_of_ours_instead_of_the_orleans_warning()
    {
        var logs = await StartAndStopAsync(new() { ["RunTasks:HmacKeys:0"] = "key", ["Logging:LogLevel:Orleans"] = "Warning" });

        Assert.Single(logs.Text.Split('\n'), l => l.Contains("RunTasks:Deadlines:Reminder", StringComparison.Ordinal));
        Assert.DoesNotContain("unsuitable for production", logs.Text, StringComparison.Ordinal);
    }

    private static async Task<CapturedLogs> StartAndStopAsync(Dictionary<string, string?> settings)
    {
        settings["Orleans:SiloPort"] = ApiHost.FreePort().ToString(CultureInfo.InvariantCulture);
        settings["Orleans:GatewayPort"] = ApiHost.FreePort().ToString(CultureInfo.InvariantCulture);
        settings["Logging:LogLevel:RunTasks"] = "Information";
        var logs = new CapturedLogs();
        var app = ApiApplication.Create([], builder =>
        {
            builder.Logging.AddProvider(logs);
            builder.Configuration.AddInMemoryCollection(settings);
            builder.WebHost.UseUrls("http://127.0.0.1:0");
        });
        await using (app)
        {
            await app.StartAsync();
            await app.StopAsync();
        }
        return logs;
    }
}

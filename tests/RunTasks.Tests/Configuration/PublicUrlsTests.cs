using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using RunTasks.Api.Hosting;

namespace RunTasks.Tests.Configuration;

/// <summary>`dotnet run` takes port 8080 only when nothing else names one.</summary>
public sealed class PublicUrlsTests
{
    private static string? UrlsAfterDefault(params string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        PublicUrls.ApplyDefault(builder);
        return builder.WebHost.GetSetting(WebHostDefaults.ServerUrlsKey);
    }

    [Fact]
    public void Without_any_url_the_service_listens_on_8080()
    {
        Assert.Equal("http://localhost:8080", UrlsAfterDefault());
    }

    [Fact]
    public void Urls_from_the_command_line_are_kept()
    {
        Assert.Equal("http://127.0.0.1:9000", UrlsAfterDefault("--urls", "http://127.0.0.1:9000"));
    }

    [Fact]
    public void Http_ports_setting_is_kept()
    {
        Assert.True(string.IsNullOrEmpty(UrlsAfterDefault("--http_ports", "9000")));
    }

    [Fact]
    public void Launch_profile_sets_no_url()
    {
        var profile = File.ReadAllText(Path.Combine(RunTasks.Testing.Fixtures.RepoRoot, "src", "Api", "Properties", "launchSettings.json"));

        Assert.DoesNotContain("applicationUrl", profile, StringComparison.Ordinal);
        Assert.DoesNotContain("ASPNETCORE_URLS", profile, StringComparison.Ordinal);
    }
}

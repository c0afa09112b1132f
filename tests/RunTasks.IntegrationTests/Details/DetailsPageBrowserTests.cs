using System.Net;
using RunTasks.Testing;

namespace RunTasks.IntegrationTests.Details;

/// <summary>
/// The details page in a real browser (headless Chromium), for a failed plan served by the fake HCP Terraform through
/// the whole service. RUNTASKS_UPDATE_SCREENSHOT=1 also refreshes docs/details-page.png, which the README shows.
/// </summary>
[Collection(DetailsCollection.Name)]
public sealed class DetailsPageBrowserTests(DetailsFixture fx)
{
    [Fact]
    public async Task Browser_shows_the_failed_finding_with_its_sensitive_value_masked()
    {
        var (task, final) = await fx.RunAsync(SensitivePlan.Create());

        var dom = await HeadlessChromium.DumpDomAsync(fx.Local(final.Url!));

        Assert.Contains("Failed", dom, StringComparison.Ordinal);
        Assert.Contains(SensitivePlan.Address, dom, StringComparison.Ordinal);
        Assert.Contains("(sensitive value)", dom, StringComparison.Ordinal);
        Assert.DoesNotContain(SensitivePlan.Secret, dom, StringComparison.Ordinal);
        Assert.Contains($"href=\"{DetailsFixture.RunAppUrl}\"", dom, StringComparison.Ordinal);
        Assert.DoesNotContain(task.Token, dom, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Browser_gets_nothing_for_a_tampered_link()
    {
        var (_, final) = await fx.RunAsync(SensitivePlan.Create());
        var tampered = fx.Local(final.Url!).Replace("sig=", "sig=x", StringComparison.Ordinal);

        var dom = await HeadlessChromium.DumpDomAsync(tampered);

        Assert.DoesNotContain(SensitivePlan.Address, dom, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await fx.Api.Http.GetAsync(tampered)).StatusCode);
    }

    [Fact]
    public async Task Screenshot_of_the_page_is_taken()
    {
        var (_, final) = await fx.RunAsync(SensitivePlan.Create());
        var png = Path.Combine(Path.GetTempPath(), $"details-page-{Guid.NewGuid():N}.png");
        try
        {
            await HeadlessChromium.ScreenshotAsync(fx.Local(final.Url!), png);

            var bytes = await File.ReadAllBytesAsync(png);
            Assert.True(bytes.Length > 10_000, $"screenshot is only {bytes.Length} bytes");
            Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, bytes[..4]);
            if (Environment.GetEnvironmentVariable("RUNTASKS_UPDATE_SCREENSHOT") == "1")
            {
                File.Copy(png, Path.Combine(Fixtures.RepoRoot, "docs", "details-page.png"), overwrite: true);
            }
        }
        finally
        {
            File.Delete(png);
        }
    }
}

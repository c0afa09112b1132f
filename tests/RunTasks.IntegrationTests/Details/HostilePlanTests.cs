using System.Text;
using System.Text.Json;
using Markdig;

namespace RunTasks.IntegrationTests.Details;

/// <summary>
/// A plan whose address injects markdown, HTML and a right-to-left override, through the whole service: the outcome
/// bodies HCP Terraform receives and the details page stay text (issue 18, items 7 and 8).
/// </summary>
[Collection(DetailsCollection.Name)]
public sealed class HostilePlanTests(DetailsFixture fx)
{
    private const string Waiver = "FINDING WAIVED by security team";

    private static readonly string Address = "aws_s3_bucket.b[\"safe\u202Etxt.exe\u202C\n\n## " + Waiver
        + "\n\n[docs](https://evil.example/x) <script>alert(1)</script> <img src=x onerror=alert(1)> ![p](https://evil.example/pixel.png)\"]";

    [Fact]
    public async Task Outcome_bodies_sent_to_hcp_terraform_render_as_text()
    {
        var (_, final) = await fx.RunAsync(Plan());

        Assert.DoesNotContain("\\u202E", final.Body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain('\u202E', final.Body);
        using var document = JsonDocument.Parse(final.Body);
        var outcomes = document.RootElement.GetProperty("data").GetProperty("relationships").GetProperty("outcomes").GetProperty("data");
        Assert.NotEqual(0, outcomes.GetArrayLength());
        foreach (var outcome in outcomes.EnumerateArray())
        {
            // As a CommonMark viewer with raw HTML and GitHub's extensions would show it, with no sanitiser of its own.
            var html = Markdown.ToHtml(outcome.GetProperty("attributes").GetProperty("body").GetString()!, new MarkdownPipelineBuilder().UseAdvancedExtensions().Build());
            Assert.DoesNotContain("<h2", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("<a ", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task Details_page_shows_the_hostile_address_as_text()
    {
        var (_, final) = await fx.RunAsync(Plan());

        var request = new HttpRequestMessage(HttpMethod.Get, fx.Local(final.Url!));
        request.Headers.Accept.ParseAdd("text/html");
        var html = await (await fx.Api.Http.SendAsync(request)).Content.ReadAsStringAsync();

        Assert.Contains("safe&lt;U&#x2B;202E&gt;txt.exe", html, StringComparison.Ordinal);
        Assert.DoesNotContain('\u202E', html);
        Assert.DoesNotContain(Waiver + "</h", html, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"https://evil.example", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>A bucket at <see cref="Address"/> destroyed: destroy_guard fails the run with the address in its finding.</summary>
    private static byte[] Plan()
    {
        var change = new
        {
            address = Address,
            mode = "managed",
            type = "aws_s3_bucket",
            name = "b",
            provider_name = "registry.terraform.io/hashicorp/aws",
            change = new { actions = new[] { "delete" }, before = new { bucket = "b" }, after = (object?)null, after_unknown = new { }, before_sensitive = false, after_sensitive = false },
        };
        return Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new { format_version = "1.2", terraform_version = "1.9.5", resource_changes = new[] { change } }));
    }
}

using System.Text.Json;
using Markdig;
using RunTasks.Analysis.Policies;
using static RunTasks.Analysis.Tests.TestPlans;

namespace RunTasks.Analysis.Tests;

/// <summary>A plan whose addresses and provider name try to inject markdown, HTML and bidirectional controls (issue 18, items 7 and 8).</summary>
internal static class HostilePlan
{
    public const string Waiver = "## FINDING WAIVED by security team";

    public const char RightToLeftOverride = '\u202E';

    public static readonly string Key =
        "safe\u202Etxt.exe\u202C\n\n" + Waiver + "\n\n[docs](https://evil.example/x) <script>alert(1)</script> <img src=x onerror=alert(1)> "
        + "![p](https://evil.example/pixel.png) [click](javascript:alert(1)) ``tick`` *bold* https://evil.example/bare";

    public static readonly string Address = $"aws_s3_bucket.b[\"{Key}\"]";

    public static readonly string Provider = "registry.terraform.io/evil/x\n\n" + Waiver + " <script>alert(2)</script>";

    /// <summary>A destroyed bucket at the hostile address (destroy_guard), created by a provider with a hostile name.</summary>
    public static string Json() => Plan(
        Change("aws_s3_bucket", """["delete"]""", null, before: """{"bucket":"b"}""", address: Escaped(Address)),
        Change("aws_sqs_queue", """["create"]""", """{"name":"q"}""", address: Escaped(Address.Replace("aws_s3_bucket", "aws_sqs_queue", StringComparison.Ordinal)))
            .Replace("registry.terraform.io/hashicorp/aws", Escaped(Provider), StringComparison.Ordinal));

    /// <summary>The default set plus a provider allow-list, so the provider name is reported too.</summary>
    public static IPolicyProvider Policies => Policy("""
        rules:
          provider_allow_list: { providers: ["registry.terraform.io/hashicorp/*"] }
        """);

    /// <summary>HTML as a CommonMark viewer with raw HTML and GitHub's extensions on would render the markdown.</summary>
    public static string Render(string markdown) => Markdown.ToHtml(markdown, new MarkdownPipelineBuilder().UseAdvancedExtensions().Build());

    /// <summary>Asserts that markdown renders to nothing but text: one heading at most, no link, image or HTML from the plan.</summary>
    public static void AssertInert(string markdown)
    {
        var html = Render(markdown);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<a ", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<h2", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<em>bold", html, StringComparison.Ordinal);
        Assert.True(System.Text.RegularExpressions.Regex.Count(html, "<h[1-6]") <= 1, html);
        Assert.DoesNotContain(RightToLeftOverride, markdown);
    }

    private static string Escaped(string text) => JsonSerializer.Serialize(text)[1..^1];
}

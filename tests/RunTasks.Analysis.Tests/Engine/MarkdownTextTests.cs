using RunTasks.Analysis.Engine;

namespace RunTasks.Analysis.Tests.Engine;

/// <summary>The one escaping helper every finding body goes through (issue 18, item 7).</summary>
public sealed class MarkdownTextTests
{
    [Theory]
    [InlineData("plain", "`plain`")]
    [InlineData("a`b", "``a`b``")]
    [InlineData("a```b``c", "````a```b``c````")]
    [InlineData("`edge", "`` `edge ``")]
    [InlineData("two\n\nlines", "`two  lines`")]
    [InlineData("", "(empty)")]
    public void Code_span_is_one_line_fenced_longer_than_any_backtick_run(string text, string expected)
    {
        Assert.Equal(expected, MarkdownText.Code(text));
    }

    [Fact]
    public void Escaped_prose_renders_as_the_same_text()
    {
        const string text = "1. # [x](https://e.example) <b>&amp; *y* _z_ ~~w~~ | `c` \\ aws_s3_bucket.a www.example.com https://e.example $x$";

        var html = HostilePlan.Render(MarkdownText.Escape(text));

        Assert.Equal($"<p>{System.Net.WebUtility.HtmlEncode(text)}</p>", html.Trim().Replace("&#39;", "'", StringComparison.Ordinal));
    }

    [Fact]
    public void Underscores_inside_identifiers_are_left_readable()
    {
        Assert.Equal("aws_s3_bucket.logs", MarkdownText.Escape("aws_s3_bucket.logs"));
    }

    [Fact]
    public void Bidi_and_control_characters_become_visible_escapes()
    {
        Assert.Equal("a<U+202E>b<U+2066>c<U+200F>d<U+061C>e<U+001B>[31m", VisibleText.Escape("a\u202Eb\u2066c\u200Fd\u061Ce\u001B[31m"));
    }
}

using Markdig;
using Markdig.Renderers;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using RunTasks.Analysis.Engine;

namespace RunTasks.Api.Details;

/// <summary>
/// Renders a finding's markdown body as HTML that is safe to embed: raw HTML is shown as text, links keep only http(s)
/// targets, images become plain links so the page loads nothing from elsewhere (it must work air-gapped), and invisible
/// bidirectional controls are shown as escapes.
/// </summary>
public static class FindingMarkdown
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().DisableHtml().UsePipeTables().Build();

    /// <param name="title">Shown by the page above the body; a leading heading that repeats it is dropped.</param>
    public static string ToHtml(string markdown, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        var document = Markdown.Parse(VisibleText.Escape(markdown), Pipeline);
        if (title is not null && document.FirstOrDefault() is HeadingBlock { Inline: { } inline } first
            && string.Concat(inline.Descendants<LiteralInline>().Select(l => l.Content.ToString())).Trim() == title.Trim())
        {
            document.Remove(first);
        }

        foreach (var link in document.Descendants<LinkInline>())
        {
            link.IsImage = false;
            if (!IsSafe(link.Url))
            {
                link.Url = "#";
            }
        }
        foreach (var autolink in document.Descendants<AutolinkInline>())
        {
            if (!IsSafe(autolink.Url))
            {
                autolink.Url = "#";
            }
        }
        foreach (var heading in document.Descendants<HeadingBlock>())
        {
            // The body sits under the page's h3 per finding; its own headings rank below.
            heading.Level = Math.Clamp(heading.Level + 1, 4, 6);
        }
        using var writer = new StringWriter();
        var renderer = new HtmlRenderer(writer);
        Pipeline.Setup(renderer);
        renderer.Render(document);
        writer.Flush();
        return writer.ToString();
    }

    private static bool IsSafe(string? url) =>
        url is not null
        && Uri.TryCreate(url, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);
}

using System.Text.Encodings.Web;
using System.Text.Unicode;
using RunTasks.Analysis.Engine;

namespace RunTasks.Api.Details;

/// <summary>Untrusted text in the server-rendered pages (details, reports): invisible controls shown, markup encoded.</summary>
internal static class HtmlText
{
    // Every script readable as itself; markup characters are still encoded.
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    public static string Encode(string? text) => Encoder.Encode(VisibleText.Escape(text ?? ""));

    /// <summary>Encoded and isolated in <c>&lt;bdi&gt;</c>, so right-to-left text cannot reorder what is around it.</summary>
    public static string Isolated(string? text) => $"<bdi>{Encode(text)}</bdi>";
}

using System.Security.Cryptography;
using System.Text;

namespace RunTasks.Analysis.Engine;

/// <summary>HCP Terraform's size limits on a task result's texts, shared by the engine and the callback writer.</summary>
public static class TextLimits
{
    /// <summary>The task result's message.</summary>
    public const int MaxMessage = 1000;

    /// <summary>An outcome's one-line description.</summary>
    public const int MaxDescription = 1000;

    /// <summary>An outcome's markdown body.</summary>
    public const int MaxBody = 10_000;

    /// <summary>
    /// A resource address as stored and shown: Terraform sets no bound (a <c>for_each</c> key can be megabytes), every
    /// finding, outcome and page repeats it, and real addresses stay far below this.
    /// </summary>
    public const int MaxAddress = 512;

    /// <summary>
    /// <paramref name="text"/>, or its start, <paramref name="marker"/> and 8 hex digits of a hash of the whole text, in
    /// exactly <paramref name="max"/> characters: texts sharing a long prefix stay distinct once clipped.
    /// </summary>
    public static string ClipUnique(string text, int max, string marker = "…")
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(marker);
        if (text.Length <= max)
        {
            return text;
        }

        var keep = max - marker.Length - 8;
        if (keep > 0 && char.IsHighSurrogate(text[keep - 1]))
        {
            keep--;
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)).AsSpan(0, 4));
        return string.Concat(text.AsSpan(0, Math.Max(keep, 0)), marker, hash);
    }

    /// <summary><paramref name="text"/>, or its first <paramref name="max"/> - 1 characters and "…" when it is longer.</summary>
    public static string Truncate(string text, int max) => text.Length <= max ? text : string.Concat(text.AsSpan(0, max - 1), "…");
}

namespace RunTasks.Analysis;

/// <summary>HCP Terraform's size limits on a task result's texts, shared by the engine and the callback writer.</summary>
public static class TextLimits
{
    /// <summary>The task result's message.</summary>
    public const int MaxMessage = 1000;

    /// <summary>An outcome's one-line description.</summary>
    public const int MaxDescription = 1000;

    /// <summary>An outcome's markdown body.</summary>
    public const int MaxBody = 10_000;

    /// <summary><paramref name="text"/>, or its first <paramref name="max"/> - 1 characters and "…" when it is longer.</summary>
    public static string Truncate(string text, int max) => text.Length <= max ? text : string.Concat(text.AsSpan(0, max - 1), "…");
}

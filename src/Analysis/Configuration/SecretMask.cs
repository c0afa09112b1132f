using RunTasks.Analysis.Engine;

namespace RunTasks.Analysis.Configuration;

/// <summary>Shows a secret as a short prefix and its length, so it can be recognised by its owner but not used.</summary>
internal static class SecretMask
{
    /// <summary>At most 4 characters (fewer for short values, none below 8), then an ellipsis and the length.</summary>
    public static string Mask(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var shown = value.Length switch
        {
            < 8 => 0,
            < 16 => 2,
            _ => 4,
        };
        return $"{VisibleText.Escape(value[..shown])}… ({value.Length} characters)";
    }
}

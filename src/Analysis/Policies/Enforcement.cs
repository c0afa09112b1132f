using RunTasks.Analysis.Engine;

namespace RunTasks.Analysis.Policies;

/// <summary>The <c>enforcement</c> key of built-in and custom rules.</summary>
internal static class Enforcement
{
    /// <summary>The severity <paramref name="value"/> names, <paramref name="fallback"/> when empty, null when off; throws naming <paramref name="key"/> otherwise.</summary>
    public static Severity? Parse(string key, string? value, Severity fallback) => value?.Trim().ToLowerInvariant() switch
    {
        null or "" => fallback,
        "error" or "mandatory" => Severity.Error,
        "warning" or "advisory" => Severity.Warning,
        "info" => Severity.Info,
        "off" or "disabled" or "false" => null,
        _ => throw new PolicyLoadException($"{key}: '{value}' is not one of error, warning, info, off{Suggest(value)}"),
    };

    private static string Suggest(string value) =>
        KeySuggestion.Closest(value.Trim(), ["error", "warning", "info", "off", "mandatory", "advisory"]) is { } closest ? $"; did you mean '{closest}'?" : string.Empty;
}

namespace RunTasks.Grains.Notifications;

/// <summary>A credential given in configuration or, for mounted secrets, as a file path; read once, trimmed, never logged.</summary>
public static class SecretText
{
    public static string? Read(string? value, string? path) =>
        !string.IsNullOrWhiteSpace(value) ? value.Trim()
        : !string.IsNullOrWhiteSpace(path) ? File.ReadAllText(path).Trim()
        : null;
}

using System.Text.Json;

namespace RunTasks.Testing;

/// <summary>A callback as received: headers that matter and the body exactly as sent.</summary>
public sealed record ReceivedCallback(string Authorization, string ContentType, string Body, DateTimeOffset At)
{
    private JsonElement Attributes => JsonDocument.Parse(Body).RootElement.GetProperty("data").GetProperty("attributes");

    public string? Status => Attributes.TryGetProperty("status", out var s) ? s.GetString() : null;
    public string? Message => Attributes.TryGetProperty("message", out var m) ? m.GetString() : null;
    public string? Url => Attributes.TryGetProperty("url", out var u) ? u.GetString() : null;

    public int OutcomeCount =>
        JsonDocument.Parse(Body).RootElement.GetProperty("data").TryGetProperty("relationships", out var r)
            ? r.GetProperty("outcomes").GetProperty("data").GetArrayLength()
            : 0;
}

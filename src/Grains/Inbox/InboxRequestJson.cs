using System.Text.Json;
using RunTasks.Grains.Interfaces.TaskResults;

namespace RunTasks.Grains.Inbox;

/// <summary>How an inbox row holds its request: plain JSON, the access token already encrypted by the caller.</summary>
public static class InboxRequestJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.General);

    public static string Write(RunTaskRequest protectedRequest) => JsonSerializer.Serialize(protectedRequest, Options);

    public static RunTaskRequest Read(string json) =>
        JsonSerializer.Deserialize<RunTaskRequest>(json, Options) ?? throw new JsonException("An inbox row holds no request.");
}

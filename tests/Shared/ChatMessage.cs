namespace RunTasks.Testing;

/// <summary>One POST the fake chat received: the channel (path), the exact body bytes and the headers.</summary>
public sealed record ChatMessage(string Channel, byte[] Body, IReadOnlyDictionary<string, string> Headers)
{
    public string Text => System.Text.Encoding.UTF8.GetString(Body);
}

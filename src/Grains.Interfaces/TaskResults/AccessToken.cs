using System.Text.Json.Serialization;

namespace RunTasks.Grains.Interfaces.TaskResults;

/// <summary>The per-run bearer token; wrapped so that it never shows up in logs, exceptions or ToString().</summary>
[GenerateSerializer, Alias("runtasks.AccessToken")]
public sealed record AccessToken([property: Id(0), JsonPropertyName("Value")] string Value)
{
    /// <summary>What a finished task result keeps instead of its token: nothing.</summary>
    public static AccessToken Dropped { get; } = new("");

    public override string ToString() => "[redacted]";
}

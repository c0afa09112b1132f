using System.Text.Json.Serialization;

namespace RunTasks.TaskResults;

/// <summary>The final answer for a task result: status, a one-line message and the structured outcomes behind it.</summary>
[GenerateSerializer, Alias("runtasks.Verdict")]
public sealed record Verdict(
    [property: Id(0), JsonPropertyName("Status")] VerdictStatus Status,
    [property: Id(1), JsonPropertyName("Message")] string Message,
    [property: Id(2), JsonPropertyName("Outcomes")] IReadOnlyList<Outcome> Outcomes);

using System.Text.Json.Serialization;

namespace RunTasks.Grains.Interfaces.TaskResults;

/// <summary>
/// The final answer for a task result: status, a one-line message and the structured outcomes behind it.
/// Details carries what the details page shows; null for verdicts that did not come from a plan check.
/// </summary>
[GenerateSerializer, Alias("runtasks.Verdict")]
public sealed record Verdict(
    [property: Id(0), JsonPropertyName("Status")] VerdictStatus Status,
    [property: Id(1), JsonPropertyName("Message")] string Message,
    [property: Id(2), JsonPropertyName("Outcomes")] IReadOnlyList<Outcome> Outcomes,
    [property: Id(3), JsonPropertyName("Details")] VerdictDetails? Details = null);

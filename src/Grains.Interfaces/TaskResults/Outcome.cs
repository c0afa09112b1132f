using System.Text.Json.Serialization;

namespace RunTasks.Grains.Interfaces.TaskResults;

/// <summary>One structured result, shown by HCP Terraform as a row in the task result's outcomes.</summary>
[GenerateSerializer, Alias("runtasks.Outcome")]
public sealed record Outcome(
    [property: Id(0), JsonPropertyName("OutcomeId")] string OutcomeId,
    [property: Id(1), JsonPropertyName("Description")] string Description,
    [property: Id(2), JsonPropertyName("Body")] string? Body,
    [property: Id(3), JsonPropertyName("Tags")] IReadOnlyList<OutcomeTag> Tags);

using System.Text.Json.Serialization;

namespace RunTasks.Grains.Interfaces.TaskResults;

/// <summary>A label under a tag heading such as Severity or Status; level is none, info, warning or error.</summary>
[GenerateSerializer, Alias("runtasks.OutcomeTag")]
public sealed record OutcomeTag(
    [property: Id(0), JsonPropertyName("Key")] string Key,
    [property: Id(1), JsonPropertyName("Label")] string Label,
    [property: Id(2), JsonPropertyName("Level")] string Level);

using System.Text.Json.Serialization;

namespace RunTasks.Grains.Interfaces.TaskResults;

/// <summary>One line of a task result's history: a state change, a callback attempt or an error.</summary>
[GenerateSerializer, Alias("runtasks.TaskEvent")]
public sealed record TaskEvent(
    [property: Id(0), JsonPropertyName("At")] DateTimeOffset At,
    [property: Id(1), JsonPropertyName("What")] string What);

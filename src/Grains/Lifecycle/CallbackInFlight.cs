using System.Text.Json.Serialization;

namespace RunTasks.Grains.Lifecycle;

/// <summary>
/// A callback handed to the sender: its answer counts only with <paramref name="Token"/>; past <paramref name="Until"/>
/// it is presumed lost. A progress update marked <paramref name="Replaced"/> has been called off for the final status.
/// </summary>
[GenerateSerializer, Alias("runtasks.CallbackInFlight")]
public sealed record CallbackInFlight(
    [property: Id(0), JsonPropertyName("Token")] string Token,
    [property: Id(1), JsonPropertyName("Final")] bool Final,
    [property: Id(2), JsonPropertyName("Message")] string Message,
    [property: Id(3), JsonPropertyName("Until")] DateTimeOffset Until,
    [property: Id(4), JsonPropertyName("Replaced")] bool Replaced = false);

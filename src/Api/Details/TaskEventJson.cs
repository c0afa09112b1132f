namespace RunTasks.Api.Details;

/// <summary>One line of a task result's history in the JSON form, named like the rest of it.</summary>
public sealed record TaskEventJson(DateTimeOffset At, string What);

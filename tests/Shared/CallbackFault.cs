namespace RunTasks.Testing;

public sealed record CallbackFault(int StatusCode, int? RetryAfterSeconds = null);

namespace RunTasks.Testing;

/// <summary>A scripted answer to one callback: a status code (0: accept normally), optionally after a delay.</summary>
public sealed record CallbackFault(int StatusCode, int? RetryAfterSeconds = null, int DelayMs = 0);

namespace RunTasks.Testing;

/// <summary>A scripted answer to one callback: a status code (0: accept normally), optionally after a delay.</summary>
/// <remarks>With <paramref name="Location"/>, the answer is a redirect there (callbacks must never follow one).</remarks>
public sealed record CallbackFault(int StatusCode, int? RetryAfterSeconds = null, int DelayMs = 0, string? Location = null);

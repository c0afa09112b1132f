namespace RunTasks.Grains.Callbacks;

/// <summary>What one PATCH to the callback URL came to.</summary>
[GenerateSerializer, Alias("runtasks.CallbackResult")]
public sealed record CallbackResult(
    [property: Id(0)] CallbackResultKind Kind,
    [property: Id(1)] int? StatusCode,
    [property: Id(2)] string Detail,
    [property: Id(3)] TimeSpan? RetryAfter = null)
{
    public bool Accepted => Kind is CallbackResultKind.Accepted or CallbackResultKind.AlreadyFinal;
}

[GenerateSerializer, Alias("runtasks.CallbackResultKind")]
public enum CallbackResultKind
{
    /// <summary>2xx.</summary>
    Accepted,
    /// <summary>409: the task result is already final (cancelled, timed out or answered), so there is nothing left to deliver.</summary>
    AlreadyFinal,
    /// <summary>Network error, timeout, 5xx or 429: try again later.</summary>
    Transient,
    /// <summary>401, 404, 422 and other 4xx: trying again cannot help.</summary>
    Rejected,
}

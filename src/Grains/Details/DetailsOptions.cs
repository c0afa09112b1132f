namespace RunTasks.Grains.Details;

/// <summary>Settings under <c>RunTasks:Details</c>: how the details link sent to HCP Terraform is signed, and what the page adds.</summary>
public sealed class DetailsOptions
{
    public const string Section = "RunTasks:Details";

    /// <summary>Minimum length of a configured signing key, so it cannot be guessed.</summary>
    public const int MinSigningKeyLength = 32;

    /// <summary>
    /// HMAC-SHA256 key for details links; every silo and the Api must share it. Unset means links are signed with the
    /// Data Protection key ring, which the processes of a cluster already share.
    /// </summary>
    public string? SigningKey { get; set; }

    /// <summary>False serves /task-results/{id} to anyone who knows the id: only for private networks.</summary>
    public bool RequireSignature { get; set; } = true;

    /// <summary>
    /// How to request an exception to a policy, shown on the page above the findings of a checked plan. Markdown: text
    /// with http(s) links, e.g. "Ask in [#platform-policy](https://chat.example.com/platform-policy)". Unset: not shown.
    /// </summary>
    public string? ExceptionHelp { get; set; }
}

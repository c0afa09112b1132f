using System.ComponentModel.DataAnnotations;

namespace RunTasks.Grains.Configuration;

/// <summary>Settings under <c>RunTasks</c>; shared by the front end and the silos.</summary>
public sealed class RunTasksOptions
{
    public const string Section = "RunTasks";

    /// <summary>HMAC keys; several allow rotation. Empty means requests are not authenticated, which outside Development needs <see cref="AllowUnsigned"/>.</summary>
    public string[] HmacKeys { get; set; } = [];

    /// <summary>Accepts unsigned run task requests outside Development when no HMAC key is set: only on purpose, warned at every start.</summary>
    public bool AllowUnsigned { get; set; }

    [Range(1024, 64L * 1024 * 1024)]
    public long MaxRequestBytes { get; set; } = 1024 * 1024;

    /// <summary>Hosts the service may call; null means the default, <c>app.terraform.io</c>.</summary>
    public string[]? AllowedHosts { get; set; }

    /// <summary>Permits plain http URLs (tests on loopback only).</summary>
    public bool AllowHttp { get; set; }

    /// <summary>Lets plan downloads follow redirects to private addresses (10/8, 172.16/12, 192.168/16, 100.64/10, fc00::/7).</summary>
    public bool AllowPrivateRedirects { get; set; }

    /// <summary>Base of the details link sent with each callback, e.g. https://runtasks.example.com.</summary>
    [Url]
    public string? PublicBaseUrl { get; set; }

    [Range(1024, long.MaxValue)]
    public long MaxPlanBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary>Largest single resource change (or other JSON value) held in memory; a plan with a larger one fails, naming it.</summary>
    [Range(1024, Analysis.Engine.AnalysisLimits.MaxAllowedResourceChangeBytes)]
    public int MaxResourceChangeBytes { get; set; } = Analysis.Engine.AnalysisLimits.DefaultMaxResourceChangeBytes;

    /// <summary>Largest resource change a custom rule's condition may read; a larger one is reported as not checked by that rule.</summary>
    [Range(1024, Analysis.Engine.AnalysisLimits.MaxAllowedResourceChangeBytes)]
    public int MaxCustomRuleChangeBytes { get; set; } = Analysis.Engine.AnalysisLimits.DefaultMaxCustomRuleChangeBytes;

    /// <summary>The verdict sent when the deadline arrives before the analysis finishes.</summary>
    public TimeoutVerdict OnTimeout { get; set; } = TimeoutVerdict.Fail;

    /// <summary>Directory of YAML policy files; unset means the built-in default policy set.</summary>
    public string? PolicyPath { get; set; }

    /// <summary>How long a finished task result stays readable before its state is deleted.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(7);

    public DeadlineOptions Deadlines { get; set; } = new();

    public DeliveryOptions Delivery { get; set; } = new();

    /// <summary>Waivers in the policy directory: how far ahead they may expire and how early runs warn (<c>RunTasks:Waivers</c>).</summary>
    public Analysis.Policies.WaiverOptions Waivers { get; set; } = new();

    public IReadOnlyList<string> EffectiveAllowedHosts => AllowedHosts is { Length: > 0 } hosts ? hosts : ["app.terraform.io"];
}

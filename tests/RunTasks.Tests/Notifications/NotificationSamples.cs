using RunTasks.Grains.Interfaces.TaskResults;
using RunTasks.Grains.Notifications;

namespace RunTasks.Tests.Notifications;

/// <summary>Verdicts, findings and requests for the notification tests.</summary>
internal static class NotificationSamples
{
    public const string Secret = "s3cr3t-value-4711";
    public static readonly DateTimeOffset At = new(2026, 12, 6, 10, 0, 0, TimeSpan.Zero);

    public static FindingDetail Finding(string rule, string address, FindingSeverity severity = FindingSeverity.Error, bool waived = false, string? title = null) =>
        new(rule, severity, address, title ?? $"{rule} on {address}", $"Body of {rule}", "create", "ingress", "(sensitive)", "(sensitive)",
            Waiver: waived ? new WaiverDetail("w-1", "accepted", "team", "lead", null, "2027-01-01") : null);

    public static Verdict Failed(params FindingDetail[] findings) => new(VerdictStatus.Failed, $"{findings.Length} finding(s)", [],
        new VerdictDetails(new PlanCounts(3, 2, 1, 4, 0, [], [], "1.9.0", false), findings, ["baseline"], 0));

    public static Verdict Passed() => new(VerdictStatus.Passed, "No findings", [],
        new VerdictDetails(new PlanCounts(1, 0, 0, 0, 0, [], [], "1.9.0", false), [], ["baseline"], 0));

    public static RunTaskRequest Request(string workspace = "networking-prod", string? pr = "https://github.com/acme/infra/pull/7",
        string organization = "acme", string project = "Platform", string enforcement = "mandatory") =>
        new("taskrs-1", "post_plan", "https://app.terraform.io/cb", "https://app.terraform.io/plan", new AccessToken("hcp-token-" + Secret),
            true, organization, project, workspace, "run-abc", enforcement, true, "https://app.terraform.io/app/acme/runs/run-abc",
            Origin: new RunOrigin(null, null, null, "0123456789abcdef", null, pr, null, null));

    public static NotificationSubject Subject(Verdict verdict, string workspace = "networking-prod", DateTimeOffset? at = null) =>
        NotificationSubject.From(Request(workspace), verdict, "https://runtasks.example.com/task-results/taskrs-1?exp=1&sig=x", at ?? At);
}

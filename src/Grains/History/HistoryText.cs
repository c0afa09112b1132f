using RunTasks.Grains.Interfaces.TaskResults;

namespace RunTasks.Grains.History;

/// <summary>How the store spells its enumerations (the API and CSV spell them the same way): lowercase, snake_case.</summary>
public static class HistoryText
{
    public static string Of(HistoryVerdict verdict) => verdict switch
    {
        HistoryVerdict.Passed => "passed",
        HistoryVerdict.Failed => "failed",
        _ => "errored",
    };

    public static string Of(HistoryDelivery delivery) => delivery switch
    {
        HistoryDelivery.Accepted => "accepted",
        HistoryDelivery.AlreadyFinal => "already_final",
        HistoryDelivery.Rejected => "rejected",
        _ => "expired",
    };

    public static string Of(FindingSeverity severity) => severity switch
    {
        FindingSeverity.Error => "error",
        FindingSeverity.Warning => "warning",
        _ => "info",
    };

    public static string Of(VerdictStatus status) => status == VerdictStatus.Passed ? "passed" : "failed";

    public static HistoryVerdict Verdict(string text) => text switch
    {
        "passed" => HistoryVerdict.Passed,
        "failed" => HistoryVerdict.Failed,
        _ => HistoryVerdict.Errored,
    };

    public static HistoryDelivery Delivery(string text) => text switch
    {
        "accepted" => HistoryDelivery.Accepted,
        "already_final" => HistoryDelivery.AlreadyFinal,
        "rejected" => HistoryDelivery.Rejected,
        _ => HistoryDelivery.Expired,
    };

    public static FindingSeverity Severity(string text) => text switch
    {
        "error" => FindingSeverity.Error,
        "warning" => FindingSeverity.Warning,
        _ => FindingSeverity.Info,
    };

    /// <summary>The verdict named in a filter (passed, failed, errored), or null when it is none of them.</summary>
    public static HistoryVerdict? ParseVerdict(string? text) => text switch
    {
        "passed" => HistoryVerdict.Passed,
        "failed" => HistoryVerdict.Failed,
        "errored" => HistoryVerdict.Errored,
        _ => null,
    };
}

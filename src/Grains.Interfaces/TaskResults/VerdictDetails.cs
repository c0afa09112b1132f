namespace RunTasks.Grains.Interfaces.TaskResults;

/// <summary>
/// What the details page needs beyond the callback: the plan summary, the findings (at most
/// <see cref="MaxFindings"/>, errors first) and the policy sets that applied. OmittedFindings counts what the cap left out.
/// NotChecked marks details of a verdict RunTasks made without judging the plan (download failure, internal error,
/// watchdog): the page then says "not a finding in your code — re-run the plan". Verdicts without details are read the same way.
/// </summary>
[GenerateSerializer, Alias("runtasks.VerdictDetails")]
public sealed record VerdictDetails(
    [property: Id(0)] PlanCounts Plan,
    [property: Id(1)] IReadOnlyList<FindingDetail> Findings,
    [property: Id(2)] IReadOnlyList<string> PolicySets,
    [property: Id(3)] int OmittedFindings,
    [property: Id(4)] bool NotChecked = false)
{
    /// <summary>HCP Terraform shows at most 250 outcomes; the page keeps no more, so a result's size stays bounded.</summary>
    public const int MaxFindings = 250;

    /// <summary>The engine's own limit on one finding's markdown body.</summary>
    public const int MaxBody = 10_000;
}

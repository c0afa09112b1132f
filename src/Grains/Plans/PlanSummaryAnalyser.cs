using System.Text.Json;
using RunTasks.TaskResults;

namespace RunTasks.Plans;

/// <summary>Counts the plan's changes and lists deletions and replacements; fails an errored plan.</summary>
public sealed class PlanSummaryAnalyser : IPlanAnalyser
{
    private const int ListedAddresses = 20;

    public async ValueTask<Verdict> AnalyseAsync(Stream plan, RunTaskRequest request, IProgress<string> progress, CancellationToken cancellationToken)
    {
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(plan, cancellationToken: cancellationToken);
        }
        catch (JsonException)
        {
            return new Verdict(VerdictStatus.Failed, "The plan JSON could not be read: it is not valid JSON.", []);
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                return new Verdict(VerdictStatus.Failed, "The plan JSON could not be read: it is not a Terraform plan.", []);
            int create = 0, update = 0, delete = 0, replace = 0, read = 0;
            var deleted = new List<string>();
            var replaced = new List<string>();
            if (root.TryGetProperty("resource_changes", out var changes) && changes.ValueKind == JsonValueKind.Array)
            {
                progress.Report($"Checking {changes.GetArrayLength()} resource changes");
                foreach (var change in changes.EnumerateArray())
                {
                    var address = change.TryGetProperty("address", out var a) ? a.GetString() ?? "?" : "?";
                    var actions = change.TryGetProperty("change", out var c) && c.TryGetProperty("actions", out var act) && act.ValueKind == JsonValueKind.Array
                        ? act.EnumerateArray().Select(x => x.GetString()).ToArray()
                        : [];
                    switch (actions)
                    {
                        case ["create"]: create++; break;
                        case ["update"]: update++; break;
                        case ["read"]: read++; break;
                        case ["delete"]: delete++; deleted.Add(address); break;
                        case ["delete", "create"] or ["create", "delete"]: replace++; replaced.Add(address); break;
                    }
                }
            }
            var errored = root.TryGetProperty("errored", out var e) && e.ValueKind == JsonValueKind.True;
            var summary = $"{create} to create, {update} to update, {replace} to replace, {delete} to delete, {read} to read";
            var message = errored ? $"The plan errored, so it cannot be applied. {summary}." : $"Plan: {summary}.";
            if (deleted.Count + replaced.Count > 0)
                message += " Destroyed: " + string.Join(", ", deleted.Concat(replaced).Take(ListedAddresses)) + (deleted.Count + replaced.Count > ListedAddresses ? ", …" : "");
            var outcomes = deleted.Select(d => Outcome(d, "would be destroyed"))
                .Concat(replaced.Select(r => Outcome(r, "would be replaced (destroyed and re-created)")))
                .ToList();
            return new Verdict(errored ? VerdictStatus.Failed : VerdictStatus.Passed, message, outcomes);
        }
    }

    private static Outcome Outcome(string address, string what) => new(
        address.Length <= 64 ? address : address[..64],
        $"{address} {what}",
        $"`{address}` {what} by this run.",
        [new OutcomeTag("Severity", "Warning", "warning"), new OutcomeTag("Status", "Review", "warning")]);
}

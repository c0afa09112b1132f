using System.Text.Json;
using System.Text.Json.Nodes;
using RunTasks.Analysis.Engine;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace RunTasks.Cli.Testing;

/// <summary>
/// Reads the test cases of a policy directory: every *.yaml/*.yml under DIR/tests (recursively, in name order). A file holds one
/// case or a <c>cases:</c> list. Inline <c>resource_changes</c> are completed into a minimal plan (address, mode, provider,
/// actions default to <c>create</c>), so a case needs only a type and <c>change.after</c>. Format: docs/policies.md.
/// </summary>
public static class PolicyTestCaseReader
{
    private static readonly string[] CaseKeys = ["name", "description", "plan", "resource_changes", "organization", "project", "workspace", "stage", "now", "expect"];
    private static readonly string[] ExpectKeys = ["verdict", "findings", "absent", "waived"];
    private static readonly string[] ChangeKeys = ["address", "mode", "type", "name", "index", "module_address", "provider_name", "change", "action_reason"];

    public static IReadOnlyList<PolicyTestCase> ReadDirectory(string testsDirectory)
    {
        var files = Directory.EnumerateFiles(testsDirectory, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".yml", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal);
        return [.. files.SelectMany(file => ReadFile(file, Path.GetRelativePath(testsDirectory, file).Replace('\\', '/')))];
    }

    public static IReadOnlyList<PolicyTestCase> ReadFile(string path, string label)
    {
        JsonNode? root;
        try
        {
            var stream = new YamlStream();
            using (var reader = new StreamReader(path))
            {
                stream.Load(new NoAliasParser(new Parser(reader)));
            }

            if (stream.Documents.Count > 1)
            {
                throw new TestCaseException("one YAML document per file; list several cases under 'cases:'");
            }

            root = stream.Documents.Count == 0 ? null : YamlJson.Convert(stream.Documents[0].RootNode);
        }
        catch (YamlException exception)
        {
            throw new TestCaseException($"{label}: line {exception.Start.Line}: {exception.Message}", exception);
        }
        catch (TestCaseException exception)
        {
            throw new TestCaseException($"{label}: {exception.Message}", exception);
        }

        if (root is not JsonObject file)
        {
            throw new TestCaseException($"{label}: expected a case (plan or resource_changes, and expect) or a 'cases:' list");
        }

        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        if (file.TryGetPropertyValue("cases", out var list))
        {
            if (file.Count != 1 || list is not JsonArray cases || cases.Count == 0)
            {
                throw new TestCaseException($"{label}: 'cases' must be a non-empty list and the only key of the file");
            }

            return [.. cases.Select((c, i) => ReadCase(c as JsonObject ?? throw new TestCaseException($"{label}: cases[{i}] is not a mapping"), label, $"case {i + 1}", directory))];
        }

        return [ReadCase(file, label, Path.GetFileNameWithoutExtension(path), directory)];
    }

    private static PolicyTestCase ReadCase(JsonObject item, string file, string fallbackName, string directory)
    {
        var name = Text(item, "name", file) ?? fallbackName;
        var at = $"{file} › {name}";
        Reject(item, CaseKeys, at);
        var planFile = Text(item, "plan", at);
        var changes = item["resource_changes"];
        if ((planFile is null) == (changes is null))
        {
            throw new TestCaseException($"{at}: give either 'plan' (a plan file relative to the case) or 'resource_changes', not both or neither");
        }

        string? planPath = null, planJson = null;
        if (planFile is not null)
        {
            planPath = Path.GetFullPath(Path.Combine(directory, planFile));
            if (!System.IO.File.Exists(planPath))
            {
                throw new TestCaseException($"{at}: plan file not found: {planFile}");
            }
        }
        else
        {
            planJson = BuildPlan(changes as JsonArray ?? throw new TestCaseException($"{at}: resource_changes must be a list"), at);
        }

        var expect = item["expect"] as JsonObject ?? throw new TestCaseException($"{at}: 'expect' (verdict, findings, absent) is required");
        Reject(expect, ExpectKeys, at + ": expect");
        var verdict = Text(expect, "verdict", at)?.ToLowerInvariant();
        bool? passes = verdict switch
        {
            null => null,
            "passed" => true,
            "failed" => false,
            _ => throw new TestCaseException($"{at}: expect.verdict must be passed or failed (got '{verdict}')"),
        };
        var findings = Ids(expect, "findings", at);
        var absent = Ids(expect, "absent", at);
        var waived = Ids(expect, "waived", at);
        if (passes is null && findings.Count == 0 && absent.Count == 0 && waived.Count == 0)
        {
            throw new TestCaseException($"{at}: expect asserts nothing; give a verdict, findings, absent rule ids or waived waiver ids");
        }

        DateTimeOffset? now = null;
        if (Text(item, "now", at) is { } nowText)
        {
            now = DateTimeOffset.TryParseExact(nowText, ["yyyy-MM-dd", "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK"], System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var parsed)
                ? parsed
                : throw new TestCaseException($"{at}: 'now' must be a date (2027-03-31, its start in UTC) or an RFC 3339 time (2027-03-31T23:59:59Z), got '{nowText}'");
        }

        var scope = new EvaluationScope(Text(item, "organization", at), Text(item, "project", at), Text(item, "workspace", at), Text(item, "stage", at) ?? "post_plan");
        return new PolicyTestCase(file, name, planPath, planJson, scope, passes, findings, absent, now, waived);
    }

    /// <summary>A minimal plan: what the plan reader requires (format_version, terraform_version, resource_changes), with each change completed.</summary>
    private static string BuildPlan(JsonArray changes, string at)
    {
        var completed = new JsonArray();
        for (int i = 0; i < changes.Count; i++)
        {
            if (changes[i] is not JsonObject change || Text(change, "type", at) is not { } type)
            {
                throw new TestCaseException($"{at}: resource_changes[{i}] needs at least a 'type'");
            }

            Reject(change, ChangeKeys, $"{at}: resource_changes[{i}]");
            var copy = (JsonObject)change.DeepClone();
            var name = Text(copy, "name", at) ?? "this";
            var mode = Text(copy, "mode", at) ?? "managed";
            copy["name"] = name;
            copy["mode"] = mode;
            copy["address"] ??= (mode == "data" ? "data." : string.Empty) + type + "." + name;
            var underscore = type.IndexOf('_', StringComparison.Ordinal);
            copy["provider_name"] ??= "registry.terraform.io/hashicorp/" + (underscore > 0 ? type[..underscore] : type);
            var body = copy["change"] as JsonObject ?? [];
            copy["change"] = body;
            body["actions"] ??= new JsonArray("create");
            body.TryAdd("before", null);
            body.TryAdd("after", null);
            body["after_unknown"] ??= new JsonObject();
            body["before_sensitive"] ??= false;
            body["after_sensitive"] ??= new JsonObject();
            completed.Add(copy);
        }

        var plan = new JsonObject
        {
            ["format_version"] = "1.2",
            ["terraform_version"] = "1.9.5",
            ["resource_changes"] = completed,
        };
        return plan.ToJsonString();
    }

    private static string? Text(JsonObject item, string key, string at) => item[key] switch
    {
        null => null,
        JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
        _ => throw new TestCaseException($"{at}: '{key}' must be a string"),
    };

    private static List<string> Ids(JsonObject expect, string key, string at) => expect[key] switch
    {
        null => [],
        JsonArray array => [.. array.Select(id => id is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : throw new TestCaseException($"{at}: expect.{key} must list rule ids"))],
        _ => throw new TestCaseException($"{at}: expect.{key} must be a list of rule ids"),
    };

    private static void Reject(JsonObject item, string[] allowed, string at)
    {
        if (item.Select(p => p.Key).FirstOrDefault(k => !allowed.Contains(k)) is { } unknown)
        {
            throw new TestCaseException($"{at}: unknown key '{unknown}' (use {string.Join(", ", allowed)})");
        }
    }
}

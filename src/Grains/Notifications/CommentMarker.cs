using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using RunTasks.Grains.Interfaces.TaskResults;

namespace RunTasks.Grains.Notifications;

/// <summary>
/// The hidden first line of a pull request comment: <c>&lt;!-- runtasks:ORG/WORKSPACE:STAGE v1 HASH MS --&gt;</c>. The
/// scope finds the comment of this workspace and stage again; the hash (verdict and finding set) tells whether anything
/// changed; the time (when the run's request arrived) lets a later run's comment win over an earlier run that finishes late.
/// </summary>
public static partial class CommentMarker
{
    /// <summary>The part every run of the same pull request, workspace and stage shares.</summary>
    public static string Scope(NotificationSubject subject)
    {
        ArgumentNullException.ThrowIfNull(subject);
        return $"<!-- runtasks:{Clean(subject.Organization)}/{Clean(subject.Workspace)}:{Clean(subject.Stage)} ";
    }

    public static string Write(NotificationSubject subject) =>
        $"{Scope(subject)}v1 {Hash(subject.Verdict)} {subject.AcceptedAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)} -->";

    /// <summary>The verdict and finding set, hashed: a comment with the same hash says the same thing.</summary>
    public static string Hash(Verdict verdict)
    {
        ArgumentNullException.ThrowIfNull(verdict);
        var text = new StringBuilder(verdict.Status.ToString());
        foreach (var f in (verdict.Details?.Findings ?? []).OrderBy(f => f.RuleId, StringComparer.Ordinal).ThenBy(f => f.Address, StringComparer.Ordinal))
        {
            text.Append('\n').Append(f.RuleId).Append('\t').Append(f.Address).Append('\t').Append(f.Severity).Append('\t').Append(f.Waiver is null ? "" : "waived");
        }

        text.Append('\n').Append(verdict.Details?.OmittedFindings ?? 0);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..16];
    }

    /// <summary>The hash and time of an existing comment of this scope, or null when the body carries no marker of it.</summary>
    public static (string Hash, long At)? Read(string body, string scope)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(scope);
        var start = body.IndexOf(scope, StringComparison.Ordinal);
        if (start < 0)
        {
            return null;
        }

        var match = Tail().Match(body, start + scope.Length);
        return match.Success && match.Index == start + scope.Length
            ? (match.Groups[1].Value, long.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture))
            : null;
    }

    // Names reach the marker only as [A-Za-z0-9._-]: nothing can close the HTML comment early.
    private static string Clean(string? name) => string.IsNullOrEmpty(name) ? "_" : Unsafe().Replace(name, "_");

    [GeneratedRegex("[^A-Za-z0-9._-]")]
    private static partial Regex Unsafe();

    [GeneratedRegex(@"\Gv1 ([0-9a-f]{16}) ([0-9]{1,16}) -->")]
    private static partial Regex Tail();
}

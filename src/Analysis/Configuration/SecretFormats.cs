using System.Text.RegularExpressions;

namespace RunTasks.Analysis.Configuration;

/// <summary>
/// High-confidence credential formats: each has a fixed prefix or structure that ordinary text does not share, so a
/// match is worth an error without looking at entropy.
/// </summary>
internal static partial class SecretFormats
{
    private const int TimeoutMs = 250;

    private static readonly string[] Literals =
        ["AKIA", "ASIA", "ABIA", "ACCA", "secret", "SECRET", "Secret", "ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_", "glpat-", "gldt-", "glptt-", "glrt-", "glsoat-", "xox", "hooks.slack.com", ".atlasv1.", "PRIVATE KEY", "private_key_id", "AccountKey="];

    /// <summary>Every credential in <paramref name="text"/>, in order; a value matched by one format is not reported again.</summary>
    public static IEnumerable<SecretMatch> Scan(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var found = new List<SecretMatch>();
        // Each format has a literal part; a text without it (almost every file) costs one vectorised search, not a regex scan.
        Add(found, text, ["AKIA", "ASIA", "ABIA", "ACCA"], AwsAccessKeyId(), "AWS access key id", 0);
        Add(found, text, ["secret", "SECRET", "Secret"], AwsSecretKey(), "AWS secret access key", 1);
        Add(found, text, ["ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_"], GitHubToken(), "GitHub token", 0);
        Add(found, text, ["glpat-", "gldt-", "glptt-", "glrt-", "glsoat-"], GitLabToken(), "GitLab token", 0);
        Add(found, text, ["xox"], SlackToken(), "Slack token", 0);
        Add(found, text, ["hooks.slack.com"], SlackWebhook(), "Slack webhook URL", 0);
        Add(found, text, [".atlasv1."], HcpTerraformToken(), "HCP Terraform token", 0);
        Add(found, text, ["PRIVATE KEY"], PemPrivateKey(), "PEM private key", 0);
        Add(found, text, ["private_key_id"], GcpServiceAccountKey(), "GCP service account key", 1);
        Add(found, text, ["AccountKey="], AzureStorageKey(), "Azure storage account key", 1);
        return found.OrderBy(match => match.Index);
    }

    /// <summary>The first credential format <paramref name="value"/> holds, or null.</summary>
    /// <remarks>Called for every string of a plan's configuration: a value too short or without any format's literal part allocates nothing.</remarks>
    public static SecretMatch? First(string value) =>
        value.Length < 16 || !ContainsAny(value, Literals) ? null : Scan(value).Select(m => (SecretMatch?)m).FirstOrDefault();

    private static bool ContainsAny(string text, string[] literals)
    {
        foreach (var literal in literals)
        {
            if (text.Contains(literal, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static void Add(List<SecretMatch> found, string text, string[] literals, Regex regex, string kind, int group)
    {
        if (!ContainsAny(text, literals))
        {
            return;
        }

        try
        {
            foreach (Match match in regex.Matches(text))
            {
                var value = match.Groups[group];
                if (!found.Any(other => other.Index < value.Index + value.Length && value.Index < other.Index + other.Length))
                {
                    found.Add(new SecretMatch(kind, value.Index, value.Length));
                }
            }
        }
        catch (RegexMatchTimeoutException)
        {
            // A pathological text is not a credential format; the other formats still run.
        }
    }

    [GeneratedRegex(@"(?<![A-Za-z0-9])(?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}(?![A-Za-z0-9])", RegexOptions.CultureInvariant, TimeoutMs)]
    private static partial Regex AwsAccessKeyId();

    [GeneratedRegex(@"(?i:aws_?secret_?access_?key|secret_?access_?key|secret_?key)[""']?\s*[=:]\s*[""']?([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+])", RegexOptions.CultureInvariant, TimeoutMs)]
    private static partial Regex AwsSecretKey();

    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?:gh[pousr]_[A-Za-z0-9]{36}|github_pat_[A-Za-z0-9_]{82})(?![A-Za-z0-9_])", RegexOptions.CultureInvariant, TimeoutMs)]
    private static partial Regex GitHubToken();

    [GeneratedRegex(@"(?<![A-Za-z0-9_-])gl(?:pat|dt|ptt|rt|soat)-[A-Za-z0-9_-]{20,}", RegexOptions.CultureInvariant, TimeoutMs)]
    private static partial Regex GitLabToken();

    [GeneratedRegex(@"(?<![A-Za-z0-9])xox[abposr]-[A-Za-z0-9-]{10,}", RegexOptions.CultureInvariant, TimeoutMs)]
    private static partial Regex SlackToken();

    [GeneratedRegex(@"https://hooks\.slack\.com/services/T[A-Z0-9]{6,}/B[A-Z0-9]{6,}/[A-Za-z0-9]{20,}", RegexOptions.CultureInvariant, TimeoutMs)]
    private static partial Regex SlackWebhook();

    [GeneratedRegex(@"(?<![A-Za-z0-9])[A-Za-z0-9]{14}\.atlasv1\.[A-Za-z0-9_=-]{60,}", RegexOptions.CultureInvariant, TimeoutMs)]
    private static partial Regex HcpTerraformToken();

    [GeneratedRegex(@"-----BEGIN (?:RSA |EC |DSA |OPENSSH |ENCRYPTED |PGP )?PRIVATE KEY(?: BLOCK)?-----", RegexOptions.CultureInvariant, TimeoutMs)]
    private static partial Regex PemPrivateKey();

    [GeneratedRegex(@"""private_key_id""\s*:\s*""([a-f0-9]{40})""", RegexOptions.CultureInvariant, TimeoutMs)]
    private static partial Regex GcpServiceAccountKey();

    [GeneratedRegex(@"AccountKey=([A-Za-z0-9+/]{86}==)", RegexOptions.CultureInvariant, TimeoutMs)]
    private static partial Regex AzureStorageKey();
}

namespace RunTasks.Analysis.Configuration;

/// <summary>Classifies a module source the way Terraform's module installer reads it, without resolving anything.</summary>
internal static class ModuleSource
{
    private static readonly string[] BranchNames = ["main", "master", "develop", "development", "dev", "trunk", "head", "default", "tip"];

    public static bool IsLocal(string source) =>
        source.StartsWith("./", StringComparison.Ordinal) || source.StartsWith("../", StringComparison.Ordinal)
        || source.StartsWith(".\\", StringComparison.Ordinal) || source.StartsWith("..\\", StringComparison.Ordinal);

    /// <summary>A module registry address: <c>[host/]namespace/name/provider</c>, optionally with <c>//subdir</c>.</summary>
    public static bool IsRegistry(string source)
    {
        if (IsLocal(source) || source.Contains("::", StringComparison.Ordinal) || source.Contains(':', StringComparison.Ordinal)
            || source.Contains('?', StringComparison.Ordinal) || source.StartsWith("git@", StringComparison.Ordinal))
        {
            return false;
        }

        var path = source.Split("//", 2)[0];
        var parts = path.Split('/');
        if (parts.Any(part => part.Length == 0))
        {
            return false;
        }

        return parts.Length switch
        {
            3 => !IsVcsHost(parts[0]),
            4 => parts[0].Contains('.', StringComparison.Ordinal) && !IsVcsHost(parts[0]),
            _ => false,
        };
    }

    /// <summary>A git or mercurial source, explicit (<c>git::</c>, <c>hg::</c>, <c>git@</c>) or by GitHub/Bitbucket shorthand.</summary>
    public static bool IsVcs(string source)
    {
        var s = source.ToLowerInvariant();
        return s.StartsWith("git::", StringComparison.Ordinal) || s.StartsWith("hg::", StringComparison.Ordinal) || s.StartsWith("git@", StringComparison.Ordinal)
            || s.StartsWith("github.com/", StringComparison.Ordinal) || s.StartsWith("bitbucket.org/", StringComparison.Ordinal)
            || (!s.Contains("::", StringComparison.Ordinal) && s.Split('?')[0].EndsWith(".git", StringComparison.Ordinal));
    }

    /// <summary>An archive fetched over http(s), S3 or GCS, whose content can change behind the same address.</summary>
    public static bool IsArchive(string source)
    {
        var s = source.ToLowerInvariant();
        return !IsVcs(source)
            && (s.StartsWith("http://", StringComparison.Ordinal) || s.StartsWith("https://", StringComparison.Ordinal)
                || s.StartsWith("s3::", StringComparison.Ordinal) || s.StartsWith("gcs::", StringComparison.Ordinal));
    }

    /// <summary>The value of the <c>ref=</c> query argument, or null.</summary>
    public static string? Ref(string source) => QueryValue(source, "ref");

    public static bool HasChecksum(string source) => QueryValue(source, "checksum") is { Length: > 0 };

    /// <summary>True for a ref naming a commit (hex) or something other than a common branch name.</summary>
    public static bool IsPinnedRef(string reference) =>
        reference.Length > 0 && !BranchNames.Contains(reference.ToLowerInvariant(), StringComparer.Ordinal);

    private static bool IsVcsHost(string host) =>
        host.Equals("github.com", StringComparison.OrdinalIgnoreCase) || host.Equals("bitbucket.org", StringComparison.OrdinalIgnoreCase);

    private static string? QueryValue(string source, string key)
    {
        var query = source.IndexOf('?', StringComparison.Ordinal);
        if (query < 0)
        {
            return null;
        }

        // The //subdir after the query belongs to the path, not to the last argument.
        var text = source[(query + 1)..];
        var subdir = text.IndexOf("//", StringComparison.Ordinal);
        if (subdir >= 0)
        {
            text = text[..subdir];
        }

        foreach (var pair in text.Split('&'))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0 && pair[..eq].Equals(key, StringComparison.Ordinal))
            {
                return Uri.UnescapeDataString(pair[(eq + 1)..]);
            }
        }

        return null;
    }
}

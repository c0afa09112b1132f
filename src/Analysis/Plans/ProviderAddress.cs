namespace RunTasks.Analysis.Plans;

/// <summary>Normalises provider names from any Terraform era to <c>registry.terraform.io/namespace/type</c>.</summary>
internal static class ProviderAddress
{
    public static string Normalize(string provider)
    {
        var name = provider.Trim();
        if (name.StartsWith("provider[", StringComparison.Ordinal) && name.EndsWith(']'))
        {
            name = name[9..^1].Trim('"');
        }

        var alias = name.IndexOf('.', StringComparison.Ordinal);
        var slashes = name.Count(c => c == '/');
        if (slashes == 0 && alias > 0)
        {
            // "aws.west" in old plans is an aliased provider.
            name = name[..alias];
        }

        return slashes switch
        {
            0 => "registry.terraform.io/hashicorp/" + name,
            1 => "registry.terraform.io/" + name,
            _ => name,
        };
    }
}

namespace RunTasks.Analysis.Rules.Iam;

/// <summary>Names of Azure built-in roles by their fixed definition GUIDs, so assignments by role_definition_id are judged like those by name.</summary>
internal static class AzureBuiltInRoles
{
    private static readonly Dictionary<string, string> Names = new(StringComparer.OrdinalIgnoreCase)
    {
        ["8e3af657-a8ff-443c-a75c-2fe8c4bcb635"] = "Owner",
        ["b24988ac-6180-42a0-ab88-20f7382dd24c"] = "Contributor",
        ["18d7d88d-d35e-4fb5-a5c3-7773c20a72d9"] = "User Access Administrator",
    };

    /// <summary>The built-in role named by a definition id (a bare GUID or …/roleDefinitions/GUID), or null.</summary>
    public static string? NameOf(string? roleDefinitionId)
    {
        if (string.IsNullOrEmpty(roleDefinitionId))
        {
            return null;
        }

        var guid = roleDefinitionId[(roleDefinitionId.TrimEnd('/').LastIndexOf('/') + 1)..].TrimEnd('/');
        return Names.GetValueOrDefault(guid);
    }
}

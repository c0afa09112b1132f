using RunTasks.Analysis.Policies;

namespace RunTasks.Analysis.Rules.HardcodedSecrets;

/// <summary>Hard-coded secrets: extra attribute names that hold credentials, and addresses never reported.</summary>
internal sealed class HardcodedSecretsSettings : ConfigurationRuleSettings
{
    /// <summary>Attribute or variable names, besides the built-in ones (password, secret_key, token, …), whose literals are credentials.</summary>
    public List<string> Attributes { get; set; } = [];

    /// <summary>Address or file globs never reported (test fixtures, documented dummy values).</summary>
    public List<string> ExemptAddresses { get; set; } = [];
}

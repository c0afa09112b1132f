namespace RunTasks.Analysis.Configuration;

/// <summary>
/// Turns the string values of a plan's <c>configuration</c>, each with its property path, into <see cref="ConfigurationFacts"/>:
/// module calls, provider requirements, and credentials written as literals (<c>constant_value</c>) or in a known format.
/// </summary>
internal sealed class PlanConfigurationReader(ConfigurationFacts facts)
{
    private readonly ConfigurationFacts _facts = facts;
    private readonly Dictionary<string, (string Index, string Address)> _resources = new(StringComparer.Ordinal);

    /// <param name="path">Property names and array indices below <c>configuration</c>; valid only during the call.</param>
    public void Read(ReadOnlySpan<string> path, string value)
    {
        _facts.Present = true;
        if (path.Length >= 3 && path[0] == "provider_config")
        {
            ReadProvider(path[1], path[2..], value);
        }
        else if (path.Length >= 1 && path[0] == "root_module")
        {
            ReadModule(path[1..], value);
        }
        else if (SecretFormats.First(value) is not null)
        {
            ScanFormats(string.Join('.', path.ToArray()), value);
        }
    }

    private void ReadProvider(string key, ReadOnlySpan<string> rest, string value)
    {
        var colon = key.LastIndexOf(':');
        var address = colon < 0 ? "provider." + key : $"{key[..colon]}.provider.{key[(colon + 1)..]}";
        if (rest.Length == 1 && _facts.Provider(key) is { } provider)
        {
            switch (rest[0])
            {
                case "name":
                    provider.Name = value;
                    return;
                case "full_name":
                    provider.Source = value;
                    return;
                case "version_constraint":
                    provider.VersionConstraint = value;
                    return;
                case "module_address":
                    provider.ModuleAddress = value;
                    return;
                default:
                    break;
            }
        }

        if (rest.Length >= 2 && rest[0] == "expressions")
        {
            ReadExpression(address, rest[1..], value);
            return;
        }

        ScanFormats(address, value);
    }

    private void ReadModule(ReadOnlySpan<string> rest, string value)
    {
        var module = string.Empty;
        while (rest.Length >= 3 && rest[0] == "module_calls")
        {
            var call = Join(module, "module." + rest[1]);
            if (rest[2] == "module")
            {
                module = call;
                rest = rest[3..];
                continue;
            }

            if (rest.Length == 3 && rest[2] is "source" or "version_constraint" && _facts.Module(call) is { } fact)
            {
                if (rest[2] == "source")
                {
                    fact.Source = value;
                }
                else
                {
                    fact.VersionConstraint = value;
                }

                return;
            }

            if (rest.Length >= 4 && rest[2] == "expressions")
            {
                ReadExpression(call, rest[3..], value);
                return;
            }

            ScanFormats(call, value);
            return;
        }

        if (rest.Length >= 3 && rest[0] == "resources")
        {
            if (rest.Length == 3 && rest[2] == "address")
            {
                _resources[module] = (rest[1], value);
                return;
            }

            var resource = _resources.TryGetValue(module, out var known) && known.Index == rest[1] ? known.Address : $"resources[{rest[1]}]";
            var address = Join(module, resource);
            if (rest.Length >= 4 && rest[2] == "expressions")
            {
                ReadExpression(address, rest[3..], value);
                return;
            }

            ScanFormats(address, value);
            return;
        }

        if (rest.Length >= 3 && rest[0] == "variables")
        {
            var variable = Join(module, "var." + rest[1]);
            if (rest.Length == 3 && rest[2] == "default" && CredentialNames.IsCredential(rest[1]) && CredentialNames.LooksLikeValue(value))
            {
                _facts.AddSecret(variable + " (default)", "credential variable default", value, null);
                return;
            }

            ScanFormats(variable, value);
            return;
        }

        if (SecretFormats.First(value) is not null)
        {
            ScanFormats(Join(module, string.Join('.', rest.ToArray())), value);
        }
    }

    // expressions.<attr>(.<index>.<attr>)*.constant_value[...]
    private void ReadExpression(string owner, ReadOnlySpan<string> rest, string value)
    {
        var constant = rest.IndexOf("constant_value");
        var attributes = constant < 0 ? rest : rest[..constant];
        var attribute = AttributePath(attributes);
        var address = attribute.Length == 0 ? owner : $"{owner}.{attribute}";
        if (constant >= 0 && constant == rest.Length - 1 && constant > 0 && CredentialNames.IsCredential(rest[constant - 1]) && CredentialNames.LooksLikeValue(value))
        {
            _facts.AddSecret(address, $"literal {rest[constant - 1]}", value, null);
            return;
        }

        ScanFormats(address, value);
    }

    private void ScanFormats(string address, string value)
    {
        if (SecretFormats.First(value) is { } match)
        {
            _facts.AddSecret(address, match.Kind, value.Substring(match.Index, match.Length), null);
        }
    }

    private static string AttributePath(ReadOnlySpan<string> names)
    {
        var builder = new System.Text.StringBuilder();
        foreach (var name in names)
        {
            if (name.Length > 0 && name.All(char.IsAsciiDigit))
            {
                builder.Append('[').Append(name).Append(']');
            }
            else
            {
                if (builder.Length > 0)
                {
                    builder.Append('.');
                }

                builder.Append(name);
            }
        }

        return builder.ToString();
    }

    private static string Join(string module, string name) => module.Length == 0 ? name : $"{module}.{name}";
}

using System.Text.Json;

namespace RunTasks.Analysis.Configuration;

/// <summary>
/// Reads the files of a configuration version into <see cref="ConfigurationFacts"/>: module calls, required providers and
/// literal credentials from <c>.tf</c>, <c>.tf.json</c> and <c>.tfvars</c> files, and known credential formats in every text file.
/// </summary>
internal sealed class ConfigurationFileReader(ConfigurationFacts facts, string rootDirectory)
{
    private readonly ConfigurationFacts _facts = facts;
    private readonly string _root = rootDirectory.Trim('/');

    /// <summary>True for the files whose structure is read (other text files are only scanned for credential formats).</summary>
    public static bool IsTerraformFile(string path) =>
        path.EndsWith(".tf", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".tf.json", StringComparison.OrdinalIgnoreCase)
        || path.EndsWith(".tfvars", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".tfvars.json", StringComparison.OrdinalIgnoreCase);

    /// <param name="path">The file's path inside the configuration, with forward slashes.</param>
    public void Read(string path, string text)
    {
        _facts.Present = true;
        var lines = new LineIndex(text);
        foreach (var match in SecretFormats.Scan(text))
        {
            _facts.AddSecret(path, match.Kind, text.Substring(match.Index, match.Length), new SourceLocation(path, lines.LineOf(match.Index)));
        }

        var module = ModuleOf(path);
        if (path.EndsWith(".tfvars", StringComparison.OrdinalIgnoreCase))
        {
            ReadVariables(path, HclReader.Parse(text).Attributes);
        }
        else if (path.EndsWith(".tf", StringComparison.OrdinalIgnoreCase))
        {
            ReadBody(path, module, HclReader.Parse(text));
        }
        else if (path.EndsWith(".tf.json", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".tfvars.json", StringComparison.OrdinalIgnoreCase))
        {
            ReadJson(path, module, text, lines);
        }
    }

    // The directory of the file relative to the root module: empty for the root module itself.
    private string ModuleOf(string path)
    {
        var slash = path.LastIndexOf('/');
        var directory = slash < 0 ? string.Empty : path[..slash];
        return directory == _root ? string.Empty : directory.Length == 0 ? "(archive root)" : directory;
    }

    private void ReadBody(string path, string module, HclBody body)
    {
        foreach (var block in body.Blocks)
        {
            switch (block.Type)
            {
                case "terraform":
                    foreach (var required in block.Body.Blocks.Where(b => b.Type == "required_providers"))
                    {
                        foreach (var provider in required.Body.Attributes)
                        {
                            var fact = _facts.Provider($"{path}:{provider.Line}");
                            if (fact is null)
                            {
                                continue;
                            }

                            fact.Name = provider.Name;
                            fact.ModuleAddress = module;
                            fact.Location = new SourceLocation(path, provider.Line);
                            fact.Source = Item(provider.Value, "source") ?? provider.Name;
                            fact.VersionConstraint = provider.Value.Literal ?? Item(provider.Value, "version");
                        }
                    }

                    break;
                case "module" when block.Labels.Count == 1:
                    var call = _facts.Module($"module.{block.Labels[0]}", $"{path}:{block.Line}");
                    if (call is not null)
                    {
                        call.Location = new SourceLocation(path, block.Line);
                        call.Source = Attribute(block.Body, "source");
                        call.VersionConstraint = Attribute(block.Body, "version");
                    }

                    ReadLiterals(path, $"module.{block.Labels[0]}", block.Body);
                    break;
                case "variable" when block.Labels.Count == 1:
                    if (CredentialNames.IsCredential(block.Labels[0]) && block.Body.Attributes.FirstOrDefault(a => a.Name == "default") is { Value.Literal: { } value } literal
                        && CredentialNames.LooksLikeValue(value))
                    {
                        _facts.AddSecret($"var.{block.Labels[0]} (default)", "credential variable default", value, new SourceLocation(path, literal.Line));
                    }

                    break;
                case "locals":
                    ReadLiterals(path, "local", block.Body);
                    break;
                default:
                    var address = block.Type switch
                    {
                        "resource" => string.Join('.', block.Labels),
                        "provider" => "provider." + string.Join('.', block.Labels),
                        _ => string.Join('.', [block.Type, .. block.Labels]),
                    };
                    ReadLiterals(path, address, block.Body);
                    break;
            }
        }
    }

    private void ReadLiterals(string path, string owner, HclBody body)
    {
        foreach (var attribute in body.Attributes)
        {
            ReadLiteral(path, $"{owner}.{attribute.Name}", attribute);
        }

        foreach (var nested in body.Blocks)
        {
            ReadLiterals(path, $"{owner}.{nested.Type}", nested.Body);
        }
    }

    private void ReadLiteral(string path, string address, HclAttribute attribute)
    {
        if (attribute.Value.Literal is { } value && CredentialNames.IsCredential(attribute.Name) && CredentialNames.LooksLikeValue(value))
        {
            _facts.AddSecret(address, $"literal {attribute.Name}", value, new SourceLocation(path, attribute.Line));
        }

        foreach (var item in attribute.Value.Items ?? [])
        {
            ReadLiteral(path, $"{address}.{item.Name}", item);
        }
    }

    private void ReadVariables(string path, IEnumerable<HclAttribute> attributes)
    {
        foreach (var attribute in attributes)
        {
            ReadLiteral(path, $"var.{attribute.Name}", attribute);
        }
    }

    // .tf.json mirrors the HCL structure; lines are found by the first occurrence of the JSON-encoded value.
    private void ReadJson(string path, string module, string text, LineIndex lines)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = 64, CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException)
        {
            // Terraform would refuse the file; its credential formats were scanned above.
            return;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return;
            }

            if (path.EndsWith(".tfvars.json", StringComparison.OrdinalIgnoreCase))
            {
                JsonLiterals(path, "var", root, text, lines);
                return;
            }

            foreach (var section in root.EnumerateObject())
            {
                foreach (var (labels, body) in JsonBlocks(section.Name, section.Value))
                {
                    ReadJsonBlock(path, module, section.Name, labels, body, text, lines);
                }
            }
        }
    }

    private void ReadJsonBlock(string path, string module, string type, List<string> labels, JsonElement body, string text, LineIndex lines)
    {
        switch (type)
        {
            case "terraform":
                foreach (var required in Objects(body, "required_providers"))
                {
                    foreach (var provider in required.EnumerateObject())
                    {
                        var line = lines.LineOf(Find(text, provider.Name));
                        var fact = _facts.Provider($"{path}:{provider.Name}:{line}");
                        if (fact is null)
                        {
                            continue;
                        }

                        fact.Name = provider.Name;
                        fact.ModuleAddress = module;
                        fact.Location = new SourceLocation(path, line);
                        fact.Source = String(provider.Value, "source") ?? provider.Name;
                        fact.VersionConstraint = provider.Value.ValueKind == JsonValueKind.String ? provider.Value.GetString() : String(provider.Value, "version");
                    }
                }

                return;
            case "module" when labels.Count == 1:
                var moduleLine = lines.LineOf(Find(text, labels[0]));
                var call = _facts.Module($"module.{labels[0]}", $"{path}:{labels[0]}:{moduleLine}");
                if (call is not null)
                {
                    call.Location = new SourceLocation(path, moduleLine);
                    call.Source = String(body, "source");
                    call.VersionConstraint = String(body, "version");
                }

                JsonLiterals(path, $"module.{labels[0]}", body, text, lines);
                return;
            case "variable" when labels.Count == 1:
                if (CredentialNames.IsCredential(labels[0]) && String(body, "default") is { } value && CredentialNames.LooksLikeValue(value))
                {
                    _facts.AddSecret($"var.{labels[0]} (default)", "credential variable default", value, new SourceLocation(path, lines.LineOf(Find(text, value))));
                }

                return;
            default:
                var address = type switch
                {
                    "resource" => string.Join('.', labels),
                    "provider" => "provider." + string.Join('.', labels),
                    "locals" => "local",
                    _ => string.Join('.', [type, .. labels]),
                };
                JsonLiterals(path, address, body, text, lines);
                return;
        }
    }

    private void JsonLiterals(string path, string owner, JsonElement body, string text, LineIndex lines)
    {
        if (body.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in body.EnumerateArray())
            {
                JsonLiterals(path, owner, item, text, lines);
            }

            return;
        }

        if (body.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        foreach (var property in body.EnumerateObject())
        {
            var address = $"{owner}.{property.Name}";
            if (property.Value.ValueKind == JsonValueKind.String && property.Value.GetString() is { } value
                && CredentialNames.IsCredential(property.Name) && CredentialNames.LooksLikeValue(value))
            {
                _facts.AddSecret(address, $"literal {property.Name}", value, new SourceLocation(path, lines.LineOf(Find(text, value))));
            }
            else if (property.Value.ValueKind is JsonValueKind.Object or JsonValueKind.Array)
            {
                JsonLiterals(path, address, property.Value, text, lines);
            }
        }
    }

    // resource.<type>.<name> and data.<type>.<name> have two labels, provider/module/variable/output one, terraform/locals none; any level may be an array.
    private static IEnumerable<(List<string> Labels, JsonElement Body)> JsonBlocks(string type, JsonElement value)
    {
        var depth = type switch
        {
            "resource" or "data" => 2,
            "provider" or "module" or "variable" or "output" => 1,
            _ => 0,
        };
        return Walk(value, depth, []);

        static IEnumerable<(List<string>, JsonElement)> Walk(JsonElement element, int remaining, List<string> labels)
        {
            if (element.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in element.EnumerateArray())
                {
                    foreach (var result in Walk(item, remaining, labels))
                    {
                        yield return result;
                    }
                }

                yield break;
            }

            if (remaining == 0)
            {
                yield return (labels, element);
                yield break;
            }

            if (element.ValueKind != JsonValueKind.Object)
            {
                yield break;
            }

            foreach (var property in element.EnumerateObject())
            {
                foreach (var result in Walk(property.Value, remaining - 1, [.. labels, property.Name]))
                {
                    yield return result;
                }
            }
        }
    }

    private static IEnumerable<JsonElement> Objects(JsonElement body, string name)
    {
        if (body.ValueKind != JsonValueKind.Object || !body.TryGetProperty(name, out var value))
        {
            yield break;
        }

        if (value.ValueKind == JsonValueKind.Object)
        {
            yield return value;
        }
        else if (value.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in value.EnumerateArray().Where(i => i.ValueKind == JsonValueKind.Object))
            {
                yield return item;
            }
        }
    }

    private static string? String(JsonElement body, string name) =>
        body.ValueKind == JsonValueKind.Object && body.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static int Find(string text, string value)
    {
        var encoded = JsonSerializer.Serialize(value);
        var index = text.IndexOf(encoded, StringComparison.Ordinal);
        return index < 0 ? 0 : index;
    }

    private static string? Attribute(HclBody body, string name) => body.Attributes.FirstOrDefault(a => a.Name == name)?.Value.Literal;

    private static string? Item(HclExpression value, string name) => value.Items?.FirstOrDefault(i => i.Name == name)?.Value.Literal;
}

using System.Globalization;
using System.Text.Json;

namespace RunTasks.Analysis.Plans;

/// <summary>
/// Walks the plan's <c>configuration</c> token by token: every string reaches the visitor with its property path, and
/// providers (provider_config) and module sources (module_calls, nested) are reported as they close.
/// </summary>
internal sealed class ConfigurationWalker(IPlanVisitor visitor)
{
    private const int MaxDepth = PlanSections.MaxDepth;

    private static readonly string[] SmallIndices = Enumerable.Range(0, 64).Select(i => i.ToString(CultureInfo.InvariantCulture)).ToArray();

    private readonly string[] _configurationNames = new string[MaxDepth + 2];
    private readonly bool[] _configurationInArray = new bool[MaxDepth + 2];
    private readonly int[] _configurationIndex = new int[MaxDepth + 2];

    private readonly IPlanVisitor _visitor = visitor;
    private readonly PathCode[] _path = new PathCode[MaxDepth + 2];
    private string? _providerName;
    private string? _providerFullName;

    private enum PathCode : byte
    {
        Other,
        Item,
        ProviderConfig,
        RootModule,
        ModuleCalls,
        Module,
        Source,
        Name,
        FullName,
    }

    /// <summary>Takes one token at <paramref name="depth"/> inside <c>configuration</c>.</summary>
    public void Handle(ref Utf8JsonReader reader, JsonTokenType token, int depth)
    {
        TrackConfiguration(ref reader, token, depth);
        switch (token)
        {
            case JsonTokenType.PropertyName:
                _path[depth] = ClassifyConfigurationName(ref reader);
                break;
            case JsonTokenType.StartArray:
                _path[depth + 1] = PathCode.Item;
                break;
            case JsonTokenType.String when depth == 4 && _path[2] == PathCode.ProviderConfig:
                if (_path[4] == PathCode.Name)
                {
                    _providerName = reader.GetString();
                }
                else if (_path[4] == PathCode.FullName)
                {
                    _providerFullName = reader.GetString();
                }

                break;
            case JsonTokenType.EndObject when depth == 3 && _path[2] == PathCode.ProviderConfig:
                var provider = _providerFullName ?? _providerName;
                if (provider is not null)
                {
                    _visitor.OnProvider(provider);
                }

                _providerName = null;
                _providerFullName = null;
                break;
            case JsonTokenType.String when IsModuleSource(depth):
                _visitor.OnModuleSource(reader.GetString()!);
                break;
            default:
                break;
        }
    }

    // configuration.root_module.module_calls.<name>(.module.module_calls.<name>)*.source
    private bool IsModuleSource(int depth)
    {
        if (depth < 5 || (depth - 5) % 3 != 0 || _path[depth] != PathCode.Source || _path[2] != PathCode.RootModule || _path[3] != PathCode.ModuleCalls)
        {
            return false;
        }

        for (int level = 5; level < depth; level += 3)
        {
            if (_path[level] != PathCode.Module || _path[level + 1] != PathCode.ModuleCalls)
            {
                return false;
            }
        }

        return true;
    }

    private static PathCode ClassifyConfigurationName(ref Utf8JsonReader reader)
    {
        if (reader.ValueTextEquals("source"u8))
        {
            return PathCode.Source;
        }

        if (reader.ValueTextEquals("module_calls"u8))
        {
            return PathCode.ModuleCalls;
        }

        if (reader.ValueTextEquals("module"u8))
        {
            return PathCode.Module;
        }

        if (reader.ValueTextEquals("name"u8))
        {
            return PathCode.Name;
        }

        if (reader.ValueTextEquals("full_name"u8))
        {
            return PathCode.FullName;
        }

        if (reader.ValueTextEquals("root_module"u8))
        {
            return PathCode.RootModule;
        }

        if (reader.ValueTextEquals("provider_config"u8))
        {
            return PathCode.ProviderConfig;
        }

        return PathCode.Other;
    }

    // Follows the property path inside configuration so every string in it reaches the visitor with its path.
    private void TrackConfiguration(ref Utf8JsonReader reader, JsonTokenType token, int depth)
    {
        switch (token)
        {
            case JsonTokenType.PropertyName:
                _configurationNames[depth] = reader.GetString()!;
                return;
            case JsonTokenType.EndObject or JsonTokenType.EndArray or JsonTokenType.Comment or JsonTokenType.None:
                return;
            default:
                break;
        }

        if (_configurationInArray[depth])
        {
            var index = ++_configurationIndex[depth];
            _configurationNames[depth] = index < SmallIndices.Length ? SmallIndices[index] : index.ToString(CultureInfo.InvariantCulture);
        }

        switch (token)
        {
            case JsonTokenType.StartObject:
                _configurationInArray[depth + 1] = false;
                break;
            case JsonTokenType.StartArray:
                _configurationInArray[depth + 1] = true;
                _configurationIndex[depth + 1] = -1;
                break;
            case JsonTokenType.String:
                _visitor.OnConfigurationString(_configurationNames.AsSpan(2, depth - 1), reader.GetString()!);
                break;
            default:
                break;
        }
    }
}

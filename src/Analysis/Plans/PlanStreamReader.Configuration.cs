using System.Globalization;
using System.Text.Json;

namespace RunTasks.Analysis.Plans;

/// <summary>Follows the property path inside <c>configuration</c> so every string in it reaches the visitor with its path.</summary>
internal sealed partial class PlanStreamReader
{
    private static readonly string[] SmallIndices = Enumerable.Range(0, 64).Select(i => i.ToString(CultureInfo.InvariantCulture)).ToArray();

    private readonly string[] _configurationNames = new string[MaxDepth + 2];
    private readonly bool[] _configurationInArray = new bool[MaxDepth + 2];
    private readonly int[] _configurationIndex = new int[MaxDepth + 2];

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

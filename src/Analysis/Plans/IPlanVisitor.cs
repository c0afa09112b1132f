using System.Text.Json;

namespace RunTasks.Analysis.Plans;

/// <summary>Receives the parts of a plan as the reader streams over it. Elements are only valid during the call.</summary>
internal interface IPlanVisitor
{
    void OnResourceChange(JsonElement element, bool drift);

    void OnOutputChange(string name, JsonElement change);

    void OnProvider(string address);

    void OnModuleSource(string source);

    /// <summary>A string inside <c>configuration</c>, with the property names and array indices leading to it (below <c>configuration</c>).</summary>
    void OnConfigurationString(ReadOnlySpan<string> path, string value)
    {
    }
}

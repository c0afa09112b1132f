using System.Globalization;
using System.Text.Json;
using RunTasks.Analysis.Engine;

namespace RunTasks.Analysis.Plans;

/// <summary>How the reader refuses a single value over <see cref="AnalysisLimits.MaxResourceChangeBytes"/>, naming what it could.</summary>
internal sealed partial class PlanSections
{
    /// <summary>The value starting the buffer does not fit in the limit: name the resource change when its address comes first.</summary>
    internal PlanLimitException OverLimit(ReadOnlySpan<byte> pending, int limit)
    {
        string? address = _section is Section.ResourceChanges or Section.ResourceDrift ? ProbeAddress(pending) : null;
        var what = _section switch
        {
            Section.ResourceChanges or Section.ResourceDrift => address is null ? "A resource change" : $"The resource change {address}",
            Section.OutputChanges => $"The output change {_outputName}",
            _ => "A single value in the plan",
        };
        return new PlanLimitException(string.Create(CultureInfo.InvariantCulture, $"{what} is larger than {Size(limit)}, the limit per resource change (AnalysisLimits.MaxResourceChangeBytes); it was not read, so the plan cannot be checked."))
        {
            Address = address,
        };
    }

    // JsonDocument keeps 12 bytes of (pooled) metadata per token: bound it like the bytes, so `[0,0,0,…]` cannot cost 6× its size.
    private void CheckTokenCount(ReadOnlySpan<byte> element)
    {
        long budget = _limits.MaxResourceChangeBytes / 12;
        var counter = new Utf8JsonReader(element, isFinalBlock: true, new JsonReaderState(new JsonReaderOptions { MaxDepth = MaxDepth }));
        long tokens = 0;
        while (counter.Read())
        {
            if (++tokens > budget)
            {
                var address = _section is Section.ResourceChanges or Section.ResourceDrift ? ProbeAddress(element) : null;
                var what = address is null ? "A resource change" : $"The resource change {address}";
                throw new PlanLimitException(string.Create(CultureInfo.InvariantCulture, $"{what} holds more than {budget:N0} JSON values, the limit for {Size(_limits.MaxResourceChangeBytes)} per resource change (AnalysisLimits.MaxResourceChangeBytes); it was not read, so the plan cannot be checked."))
                {
                    Address = address,
                };
            }
        }
    }

    private static string Size(int bytes) => bytes >= 1024 * 1024
        ? string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024.0):0.#} MiB")
        : string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.#} KiB");

    // Terraform writes "address" first, before the values that can be large; read it from the partial element.
    private static string? ProbeAddress(ReadOnlySpan<byte> pending)
    {
        var trimmed = pending.TrimStart(" \t\r\n,"u8);
        var reader = new Utf8JsonReader(trimmed, isFinalBlock: false, new JsonReaderState(new JsonReaderOptions { MaxDepth = MaxDepth }));
        try
        {
            while (reader.Read())
            {
                if (reader.CurrentDepth == 1 && reader.TokenType == JsonTokenType.PropertyName && reader.ValueTextEquals("address"u8))
                {
                    return reader.Read() && reader.TokenType == JsonTokenType.String && reader.ValueSpan.Length <= 1000 && reader.GetString() is { } address ? TextLimits.ClipUnique(address, TextLimits.MaxAddress) : null;
                }

                if (reader.CurrentDepth == 1 && reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                {
                    reader.TrySkip();
                }
            }
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException)
        {
            // Not an object after all, or not text yet: the finding then names no address.
        }

        return null;
    }
}

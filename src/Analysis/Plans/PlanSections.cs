using System.Globalization;
using System.Text.Json;
using RunTasks.Analysis.Engine;

namespace RunTasks.Analysis.Plans;

/// <summary>
/// The plan's top level as a state machine over <see cref="Utf8JsonReader"/> tokens: reads the header values, captures each
/// resource_changes/resource_drift/output_changes element into a pooled document for the visitor, hands
/// <c>configuration</c> to the <see cref="ConfigurationWalker"/> and passes over every other section token by token.
/// </summary>
internal sealed partial class PlanSections(IPlanVisitor visitor, AnalysisLimits limits)
{
    internal const int MaxDepth = 256;
    private const int TokenCheckThreshold = 1024 * 1024;

    private static readonly JsonDocumentOptions ElementOptions = new() { MaxDepth = MaxDepth };

    private readonly IPlanVisitor _visitor = visitor;
    private readonly AnalysisLimits _limits = limits;
    private readonly ConfigurationWalker _configuration = new(visitor);
    private readonly PlanHeader _header = new();
    private JsonReaderState _state = new(new JsonReaderOptions { MaxDepth = MaxDepth });
    private TopProperty _pending;
    private Section _section;
    private string? _outputName;
    private bool _started;
    private bool _skipping;

    private enum TopProperty
    {
        Other,
        FormatVersion,
        TerraformVersion,
        Errored,
        Complete,
        Applyable,
        ResourceChanges,
        ResourceDrift,
        OutputChanges,
        Configuration,
        PlanOnly,
    }

    private enum Section
    {
        None,
        ResourceChanges,
        ResourceDrift,
        OutputChanges,
        Configuration,
    }

    /// <summary>Checks a format_version: 0.x and 1.x are read, anything else is refused.</summary>
    internal static void CheckFormatVersion(string version)
    {
        var dot = version.IndexOf('.', StringComparison.Ordinal);
        var major = dot < 0 ? version : version[..dot];
        if (!int.TryParse(major, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number > 1)
        {
            var shown = version.Length > 20 ? version[..20] + "…" : version;
            throw new PlanFormatException($"Unsupported plan format_version \"{shown}\": this server reads format 0.x and 1.x (Terraform 0.12 and later).");
        }
    }

    /// <summary>The header once the whole document is read; refuses a document that is empty or not a plan.</summary>
    public PlanHeader Finish()
    {
        if (!_started)
        {
            throw new PlanFormatException("The document is empty, not a Terraform plan.");
        }

        if (!_header.LooksLikePlan)
        {
            throw new PlanFormatException("The document is JSON but not a Terraform plan (no resource_changes, "
                + "planned_values or configuration).");
        }

        return _header;
    }

    /// <summary>Reads as many whole tokens as <paramref name="data"/> holds; returns the bytes used (0 when an element needs more).</summary>
    public int Process(ReadOnlyMemory<byte> data, bool final)
    {
        if (!_started && final && data.Span.Trim(" \t\r\n"u8).IsEmpty)
        {
            throw new PlanFormatException("The document is empty, not a Terraform plan.");
        }

        var reader = new Utf8JsonReader(data.Span, final, _state);
        while (true)
        {
            if (_skipping && !SkipSection(ref reader))
            {
                break;
            }

            var savedState = reader.CurrentState;
            var savedPosition = reader.BytesConsumed;
            if (!reader.Read())
            {
                break;
            }

            var token = reader.TokenType;
            int depth = reader.CurrentDepth;
            if (!_started)
            {
                _started = true;
                if (token != JsonTokenType.StartObject)
                {
                    throw new PlanFormatException("The document is JSON but not a Terraform plan: expected an object "
                        + "at the top level.");
                }

                continue;
            }

            if (depth == 0)
            {
                continue;
            }

            if (depth == 1)
            {
                HandleTopLevel(ref reader, token);
                continue;
            }

            switch (_section)
            {
                case Section.ResourceChanges or Section.ResourceDrift when depth == 2 && token == JsonTokenType.StartObject:
                    if (!TryCapture(ref reader, data, out var document))
                    {
                        _state = savedState;
                        return (int)savedPosition;
                    }

                    using (document)
                    {
                        _visitor.OnResourceChange(document.RootElement, _section == Section.ResourceDrift);
                    }

                    break;
                case Section.OutputChanges when depth == 2 && token == JsonTokenType.PropertyName:
                    _outputName = reader.GetString();
                    break;
                case Section.OutputChanges when depth == 2 && token == JsonTokenType.StartObject:
                    if (!TryCapture(ref reader, data, out var output))
                    {
                        _state = savedState;
                        return (int)savedPosition;
                    }

                    using (output)
                    {
                        _visitor.OnOutputChange(_outputName ?? string.Empty, output.RootElement);
                    }

                    break;
                case Section.Configuration:
                    _configuration.Handle(ref reader, token, depth);
                    break;
                default:
                    break;
            }
        }

        _state = reader.CurrentState;
        return (int)reader.BytesConsumed;
    }

    // Sections nobody reads (planned_values, prior_state, …) are most of a plan: pass over them in a tight loop.
    private bool SkipSection(ref Utf8JsonReader reader)
    {
        while (reader.Read())
        {
            if (reader.CurrentDepth == 1 && reader.TokenType is JsonTokenType.EndObject or JsonTokenType.EndArray)
            {
                _skipping = false;
                return true;
            }
        }

        return false;
    }

    private bool TryCapture(ref Utf8JsonReader reader, ReadOnlyMemory<byte> data, out JsonDocument document)
    {
        var probe = reader;
        if (!probe.TrySkip())
        {
            document = null!;
            return false;
        }

        int start = (int)reader.TokenStartIndex;
        int end = (int)probe.BytesConsumed;
        if (end - start > TokenCheckThreshold)
        {
            CheckTokenCount(data.Span.Slice(start, end - start));
        }

        document = JsonDocument.Parse(data.Slice(start, end - start), ElementOptions);
        reader = probe;
        return true;
    }

    private void HandleTopLevel(ref Utf8JsonReader reader, JsonTokenType token)
    {
        if (token == JsonTokenType.PropertyName)
        {
            _section = Section.None;
            _pending = ClassifyTopLevel(ref reader);
            if (_pending is TopProperty.ResourceChanges or TopProperty.ResourceDrift or TopProperty.OutputChanges or TopProperty.Configuration or TopProperty.PlanOnly)
            {
                _header.LooksLikePlan = true;
            }

            return;
        }

        if (token is JsonTokenType.EndArray or JsonTokenType.EndObject)
        {
            _section = Section.None;
            return;
        }

        switch (_pending)
        {
            case TopProperty.FormatVersion when token == JsonTokenType.String:
                var version = reader.GetString()!;
                CheckFormatVersion(version);
                _header.FormatVersion = version;
                break;
            case TopProperty.TerraformVersion when token == JsonTokenType.String:
                _header.TerraformVersion = reader.GetString();
                break;
            case TopProperty.Errored when token is JsonTokenType.True or JsonTokenType.False:
                _header.Errored = token == JsonTokenType.True;
                break;
            case TopProperty.Complete when token is JsonTokenType.True or JsonTokenType.False:
                _header.Complete = token == JsonTokenType.True;
                break;
            case TopProperty.Applyable when token is JsonTokenType.True or JsonTokenType.False:
                _header.Applyable = token == JsonTokenType.True;
                break;
            case TopProperty.ResourceChanges when token == JsonTokenType.StartArray:
                _section = Section.ResourceChanges;
                break;
            case TopProperty.ResourceDrift when token == JsonTokenType.StartArray:
                _section = Section.ResourceDrift;
                break;
            case TopProperty.OutputChanges when token == JsonTokenType.StartObject:
                _section = Section.OutputChanges;
                break;
            case TopProperty.Configuration when token == JsonTokenType.StartObject:
                _section = Section.Configuration;
                break;
            case TopProperty.FormatVersion:
                throw new PlanFormatException("The plan's format_version is not a string.");
            default:
                _skipping = token is JsonTokenType.StartObject or JsonTokenType.StartArray;
                break;
        }

        _pending = TopProperty.Other;
    }

    private static TopProperty ClassifyTopLevel(ref Utf8JsonReader reader)
    {
        if (reader.ValueTextEquals("resource_changes"u8))
        {
            return TopProperty.ResourceChanges;
        }

        if (reader.ValueTextEquals("format_version"u8))
        {
            return TopProperty.FormatVersion;
        }

        if (reader.ValueTextEquals("terraform_version"u8))
        {
            return TopProperty.TerraformVersion;
        }

        if (reader.ValueTextEquals("resource_drift"u8))
        {
            return TopProperty.ResourceDrift;
        }

        if (reader.ValueTextEquals("output_changes"u8))
        {
            return TopProperty.OutputChanges;
        }

        if (reader.ValueTextEquals("configuration"u8))
        {
            return TopProperty.Configuration;
        }

        if (reader.ValueTextEquals("errored"u8))
        {
            return TopProperty.Errored;
        }

        if (reader.ValueTextEquals("complete"u8))
        {
            return TopProperty.Complete;
        }

        if (reader.ValueTextEquals("applyable"u8))
        {
            return TopProperty.Applyable;
        }

        if (reader.ValueTextEquals("planned_values"u8) || reader.ValueTextEquals("prior_state"u8) || reader.ValueTextEquals("relevant_attributes"u8))
        {
            return TopProperty.PlanOnly;
        }

        return TopProperty.Other;
    }
}

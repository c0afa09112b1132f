using System.Text.Json;
using RunTasks.Analysis.Engine;

namespace RunTasks.Analysis.Plans;

/// <summary>
/// Streams a <c>terraform show -json</c> plan with <see cref="Utf8JsonReader"/> over a growing buffer.
/// Only one resource_changes/resource_drift/output_changes element is materialised at a time; everything else is skipped token by token.
/// </summary>
internal sealed partial class PlanStreamReader(IPlanVisitor visitor, AnalysisLimits limits)
{
    private const int InitialBufferSize = 128 * 1024;
    private const int MaxDepth = 256;
    private const int TokenCheckThreshold = 1024 * 1024;

    private static readonly JsonDocumentOptions ElementOptions = new() { MaxDepth = MaxDepth };

    private readonly IPlanVisitor _visitor = visitor;
    private readonly PlanHeader _header = new();
    private readonly PathCode[] _path = new PathCode[MaxDepth + 2];
    private JsonReaderState _state = new(new JsonReaderOptions { MaxDepth = MaxDepth });
    private TopProperty _pending;
    private Section _section;
    private string? _outputName;
    private string? _providerName;
    private string? _providerFullName;
    private bool _started;
    private bool _skipping;

    private readonly AnalysisLimits _limits = limits;

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

    /// <summary>
    /// Reads the whole stream; throws <see cref="JsonException"/> for invalid JSON, <see cref="PlanFormatException"/> for
    /// documents that are not readable plans (including text that is not UTF-8), <see cref="PlanLimitException"/> for a
    /// value over the limit, and <see cref="PlanSourceException"/> wrapping whatever the stream itself threw.
    /// </summary>
    public static async ValueTask<PlanHeader> ReadAsync(Stream stream, IPlanVisitor visitor, AnalysisLimits limits, CancellationToken cancellationToken)
    {
        var reader = new PlanStreamReader(visitor, limits);
        var buffer = PlanBuffers.Rent(Math.Min(InitialBufferSize, limits.MaxResourceChangeBytes));
        long dropped = 0;
        try
        {
            int start = 0, end = 0, valid = 0;
            bool final = false, first = true, starved = false;
            while (true)
            {
                if (start > 0)
                {
                    buffer.AsSpan(start, end - start).CopyTo(buffer);
                    end -= start;
                    valid -= start;
                    dropped += start;
                    start = 0;
                }

                if (starved && end == buffer.Length)
                {
                    // The current element does not fit: grow, keeping what is buffered, up to the limit.
                    if (buffer.Length >= limits.MaxResourceChangeBytes)
                    {
                        throw reader.OverLimit(buffer.AsSpan(0, end), limits.MaxResourceChangeBytes);
                    }

                    buffer = PlanBuffers.Grow(buffer, end, limits.MaxResourceChangeBytes);
                }

                // Fill the whole free space when starved, so a large element is rescanned only O(log n) times.
                do
                {
                    int read;
                    try
                    {
                        read = await stream.ReadAsync(buffer.AsMemory(end), cancellationToken);
                    }
                    catch (Exception exception) when (exception is not OperationCanceledException)
                    {
                        throw new PlanSourceException("The plan stream failed.", exception);
                    }

                    if (read == 0)
                    {
                        final = true;
                        break;
                    }

                    end += read;
                }
                while (starved && end < buffer.Length);

                // Utf8JsonReader does not check that strings are UTF-8 (GetString throws later): check every byte once, before any rule sees it.
                valid += Utf8Validation.Check(buffer.AsSpan(valid, end - valid), final, dropped + valid);
                if (first)
                {
                    // A byte-order mark may arrive a byte at a time; decide only once three bytes (or the end) are here.
                    if (end < 3 && !final)
                    {
                        starved = true;
                        continue;
                    }

                    first = false;
                    if (end >= 3 && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF)
                    {
                        start = 3;
                    }
                }

                int consumed = reader.Process(buffer.AsMemory(start, valid - start), final);
                start += consumed;
                starved = consumed == 0 || end - start > buffer.Length / 2;
                if (final)
                {
                    break;
                }
            }
        }
        finally
        {
            PlanBuffers.Return(buffer);
        }

        if (!reader._started)
        {
            throw new PlanFormatException("The document is empty, not a Terraform plan.");
        }

        if (!reader._header.LooksLikePlan)
        {
            throw new PlanFormatException("The document is JSON but not a Terraform plan (no resource_changes, planned_values or configuration).");
        }

        return reader._header;
    }

    /// <summary>Checks a format_version: 0.x and 1.x are read, anything else is refused.</summary>
    internal static void CheckFormatVersion(string version)
    {
        var dot = version.IndexOf('.', StringComparison.Ordinal);
        var major = dot < 0 ? version : version[..dot];
        if (!int.TryParse(major, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number) || number > 1)
        {
            var shown = version.Length > 20 ? version[..20] + "…" : version;
            throw new PlanFormatException($"Unsupported plan format_version \"{shown}\": this server reads format 0.x and 1.x (Terraform 0.12 and later).");
        }
    }

    private int Process(ReadOnlyMemory<byte> data, bool final)
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
                    throw new PlanFormatException("The document is JSON but not a Terraform plan: expected an object at the top level.");
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
                    HandleConfiguration(ref reader, token, depth);
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

    private void HandleConfiguration(ref Utf8JsonReader reader, JsonTokenType token, int depth)
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
}

using System.Globalization;
using System.Text;
using System.Text.Json;
using RunTasks.Analysis.Engine;

namespace RunTasks.Analysis.Plans;

/// <summary>A view over one resource_changes (or resource_drift) element; valid only while its JsonDocument lives.</summary>
internal sealed class ResourceChange
{
    private ResourceChange(JsonElement element, string address, string type, bool managed, ChangeKind kind, string actions, JsonElement change, bool drift)
    {
        Element = element;
        Address = address;
        Type = type;
        IsManaged = managed;
        Kind = kind;
        Actions = actions;
        Change = change;
        IsDrift = drift;
        Before = new PlanValue(JsonLookup.Property(change, "before"), default, DerivedSensitivity.Apply(JsonLookup.Property(change, "before_sensitive")));
        After = new PlanValue(JsonLookup.Property(change, "after"), JsonLookup.Property(change, "after_unknown"), DerivedSensitivity.Apply(JsonLookup.Property(change, "after_sensitive")));
    }

    public JsonElement Element { get; }

    /// <summary>The address, clipped to <see cref="TextLimits.MaxAddress"/> (distinct addresses stay distinct).</summary>
    public string Address { get; }

    public string Type { get; }

    public bool IsManaged { get; }

    public ChangeKind Kind { get; }

    /// <summary>The actions as Terraform wrote them, e.g. "delete, create".</summary>
    public string Actions { get; }

    public bool IsDrift { get; }

    public JsonElement Change { get; }

    public PlanValue Before { get; }

    public PlanValue After { get; }

    /// <summary>True when the change leaves an object in place afterwards (create, update, replace).</summary>
    public bool HasAfter => Kind is ChangeKind.Create or ChangeKind.Update or ChangeKind.Replace;

    public string? ActionReason => JsonLookup.String(Element, "action_reason");

    public string? ProviderName => JsonLookup.String(Element, "provider_name");

    public static ResourceChange From(JsonElement element, bool drift)
    {
        var type = JsonLookup.String(element, "type") ?? string.Empty;
        var mode = JsonLookup.String(element, "mode");
        var change = JsonLookup.Property(element, "change");
        var (kind, actions) = ReadActions(JsonLookup.Property(change, "actions"));
        var address = TextLimits.ClipUnique(JsonLookup.String(element, "address") ?? BuildAddress(element, type, mode), TextLimits.MaxAddress);
        return new ResourceChange(element, address, type, mode != "data", kind, actions, change, drift);
    }

    private static (ChangeKind Kind, string Text) ReadActions(JsonElement actions)
    {
        if (actions.ValueKind != JsonValueKind.Array)
        {
            return (ChangeKind.NoOp, "no-op");
        }

        bool create = false, delete = false, update = false, read = false, forget = false;
        foreach (var action in actions.EnumerateArray())
        {
            if (action.ValueEquals("create"u8))
            {
                create = true;
            }
            else if (action.ValueEquals("delete"u8))
            {
                delete = true;
            }
            else if (action.ValueEquals("update"u8))
            {
                update = true;
            }
            else if (action.ValueEquals("read"u8))
            {
                read = true;
            }
            else if (action.ValueEquals("forget"u8))
            {
                forget = true;
            }
        }

        var kind = (create, delete, update, read, forget) switch
        {
            (true, true, _, _, _) => ChangeKind.Replace,
            (_, true, _, _, _) => ChangeKind.Delete,
            (true, _, _, _, _) => ChangeKind.Create,
            (_, _, true, _, _) => ChangeKind.Update,
            (_, _, _, true, _) => ChangeKind.Read,
            (_, _, _, _, true) => ChangeKind.Forget,
            _ => ChangeKind.NoOp,
        };
        var text = kind switch
        {
            ChangeKind.Replace => delete && actions[0].ValueEquals("create"u8) ? "create, then delete" : "delete, then create",
            ChangeKind.Create => forget ? "create, forget old" : "create",
            ChangeKind.Delete => "delete",
            ChangeKind.Update => "update",
            ChangeKind.Read => "read",
            ChangeKind.Forget => "forget",
            _ => "no-op",
        };
        return (kind, text);
    }

    // resource_drift entries in old plans can lack "address"; rebuild it as Terraform would print it.
    private static string BuildAddress(JsonElement element, string type, string? mode)
    {
        var builder = new StringBuilder();
        if (JsonLookup.String(element, "module_address") is { Length: > 0 } module)
        {
            builder.Append(module).Append('.');
        }

        if (mode == "data")
        {
            builder.Append("data.");
        }

        builder.Append(type).Append('.').Append(JsonLookup.String(element, "name") ?? "unnamed");
        var index = JsonLookup.Property(element, "index");
        if (index.ValueKind == JsonValueKind.Number)
        {
            builder.Append('[').Append(index.GetRawText()).Append(']');
        }
        else if (index.ValueKind == JsonValueKind.String)
        {
            builder.Append(CultureInfo.InvariantCulture, $"[\"{index.GetString()}\"]");
        }

        return builder.ToString();
    }
}

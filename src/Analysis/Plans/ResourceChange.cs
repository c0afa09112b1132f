using System.Globalization;
using System.Text;
using System.Text.Json;

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
        Before = new PlanValue(Get(change, "before"), default, Get(change, "before_sensitive"));
        After = new PlanValue(Get(change, "after"), Get(change, "after_unknown"), Get(change, "after_sensitive"));
    }

    public JsonElement Element { get; }

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

    public string? ActionReason => GetString(Element, "action_reason");

    public string? ProviderName => GetString(Element, "provider_name");

    public static ResourceChange From(JsonElement element, bool drift)
    {
        var type = GetString(element, "type") ?? string.Empty;
        var mode = GetString(element, "mode");
        var change = Get(element, "change");
        var (kind, actions) = ReadActions(Get(change, "actions"));
        var address = GetString(element, "address") ?? BuildAddress(element, type, mode);
        return new ResourceChange(element, address, type, mode != "data", kind, actions, change, drift);
    }

    public static JsonElement Get(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) ? value : default;

    public static string? GetString(JsonElement element, string name) =>
        Get(element, name) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;

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
        if (GetString(element, "module_address") is { Length: > 0 } module)
        {
            builder.Append(module).Append('.');
        }

        if (mode == "data")
        {
            builder.Append("data.");
        }

        builder.Append(type).Append('.').Append(GetString(element, "name") ?? "unnamed");
        var index = Get(element, "index");
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

using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using DevLab.JmesPath.Expressions;
using RunTasks.Analysis.Policies;

namespace RunTasks.Analysis.Conditions;

/// <summary>
/// Bounds on a custom rule's condition, checked at load: JmesPath.Net evaluates by recursion, so a deeply nested condition
/// (say 100,000 <c>!</c>) would overflow the stack and end the process on the first plan instead of failing the policy load.
/// </summary>
internal static class ConditionLimits
{
    /// <summary>The longest condition accepted; the longest in the baseline pack is under 300 characters.</summary>
    public const int MaxLength = 4096;

    /// <summary>The deepest expression tree accepted; the deepest in the baseline pack is under 10 levels.</summary>
    public const int MaxDepth = 100;

    private static readonly BindingFlags Fields = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;
    private static readonly ConcurrentDictionary<Type, FieldInfo[]> ChildFields = new();

    /// <summary>Refuses a condition too long to parse safely; call before parsing.</summary>
    public static void CheckLength(string condition)
    {
        if (condition.Length > MaxLength)
        {
            throw new PolicyLoadException(string.Create(CultureInfo.InvariantCulture, $"the condition is {condition.Length:N0} characters long; a condition may have at most {MaxLength:N0} (split it into several rules)"));
        }
    }

    /// <summary>Refuses a parsed condition nested deeper than <see cref="MaxDepth"/>; walks the tree without recursion.</summary>
    public static void CheckDepth(JmesPathExpression expression)
    {
        var pending = new Stack<(JmesPathExpression Node, int Depth)>();
        pending.Push((expression, 1));
        while (pending.TryPop(out var item))
        {
            if (item.Depth > MaxDepth)
            {
                throw new PolicyLoadException(string.Create(CultureInfo.InvariantCulture, $"the condition nests more than {MaxDepth} levels deep (operators, '!', brackets and function calls inside one another); simplify it or split it into several rules"));
            }

            foreach (var child in Children(item.Node))
            {
                pending.Push((child, item.Depth + 1));
            }
        }
    }

    // JmesPath.Net exposes no uniform list of sub-expressions, so read every field that holds them.
    private static IEnumerable<JmesPathExpression> Children(JmesPathExpression node)
    {
        foreach (var field in ChildFields.GetOrAdd(node.GetType(), FindChildFields))
        {
            switch (field.GetValue(node))
            {
                case JmesPathExpression child:
                    yield return child;
                    break;
                case IEnumerable<JmesPathExpression> children:
                    foreach (var child in children)
                    {
                        yield return child;
                    }

                    break;
                case IEnumerable<JmesPathBinding> bindings:
                    foreach (var binding in bindings)
                    {
                        yield return binding.Expression;
                    }

                    break;
                case IEnumerable<KeyValuePair<string, JmesPathExpression>> pairs:
                    foreach (var pair in pairs)
                    {
                        yield return pair.Value;
                    }

                    break;
            }
        }
    }

    private static FieldInfo[] FindChildFields(Type type)
    {
        var fields = new List<FieldInfo>();
        for (var current = type; current is not null && current != typeof(object); current = current.BaseType)
        {
            fields.AddRange(current.GetFields(Fields).Where(f =>
                typeof(JmesPathExpression).IsAssignableFrom(f.FieldType)
                || typeof(IEnumerable<JmesPathExpression>).IsAssignableFrom(f.FieldType)
                || typeof(IEnumerable<JmesPathBinding>).IsAssignableFrom(f.FieldType)
                || typeof(IEnumerable<KeyValuePair<string, JmesPathExpression>>).IsAssignableFrom(f.FieldType)));
        }

        return [.. fields];
    }
}

using System.Reflection;
using DevLab.JmesPath.Expressions;
using DevLab.JmesPath.Interop;

namespace RunTasks.Analysis.Conditions;

/// <summary>
/// Mistakes in a custom rule's JMESPath condition that parse but can never mean what was written, found on the parsed
/// expression when the policy loads. Today: a comparison with a bare <c>true</c>, <c>false</c> or <c>null</c>, which
/// JMESPath reads as a field of that name (null here), so <c>change.after.x == true</c> never matches.
/// </summary>
internal static class ConditionLint
{
    // JmesPath.Net keeps a comparison's operands protected; reading them is the only way to tell `x == true` from `x == a.true`.
    private static readonly PropertyInfo Left = Operand("Left");
    private static readonly PropertyInfo Right = Operand("Right");

    /// <summary>What is wrong with <paramref name="condition"/> and what to write instead, or null when nothing is.</summary>
    public static string? Check(JmesPathExpression condition)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var comparisons = new Comparisons();
        condition.Accept(comparisons);
        foreach (var comparison in comparisons.Found)
        {
            var left = (JmesPathExpression)Left.GetValue(comparison)!;
            var right = (JmesPathExpression)Right.GetValue(comparison)!;
            if (BareLiteralName(right) is { } rightName)
            {
                return Problem(comparison, rightName, $"{left} {Operator(comparison, left, right)} `{rightName}`");
            }

            if (BareLiteralName(left) is { } leftName)
            {
                return Problem(comparison, leftName, $"`{leftName}` {Operator(comparison, left, right)} {right}");
            }
        }

        return null;
    }

    private static string Problem(JmesPathComparison comparison, string name, string instead) =>
        $"in {comparison}, JMESPath reads the bare {name} as a field named \"{name}\" (null here), so the comparison never means what it says; " +
        $"write the literal in backticks: {instead}" + (name == "null" ? string.Empty : $" (or '{name}' for the text)");

    // Identifiers spelled like JSON literals; a field really called "true" is not worth the ambiguity.
    private static string? BareLiteralName(JmesPathExpression operand) =>
        operand is JmesPathIdentifier { Name: "true" or "false" or "null" } identifier ? identifier.Name : null;

    // The operator as written: the text between the operands in the expression's own rendering.
    private static string Operator(JmesPathComparison comparison, JmesPathExpression left, JmesPathExpression right)
    {
        var text = comparison.ToString();
        var leftText = left.ToString();
        var rightText = right.ToString();
        return text.StartsWith(leftText, StringComparison.Ordinal) && text.EndsWith(rightText, StringComparison.Ordinal) && text.Length > leftText.Length + rightText.Length
            ? text[leftText.Length..^rightText.Length].Trim()
            : "==";
    }

    private static PropertyInfo Operand(string name) =>
        typeof(JmesPathCompoundExpression).GetProperty(name, BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
        ?? throw new InvalidOperationException($"JmesPath.Net no longer exposes comparison operand {name}; update ConditionLint.");

    private sealed class Comparisons : IVisitor
    {
        public List<JmesPathComparison> Found { get; } = [];

        public void Visit(JmesPathExpression expression)
        {
            if (expression is JmesPathComparison comparison)
            {
                Found.Add(comparison);
            }
        }
    }
}

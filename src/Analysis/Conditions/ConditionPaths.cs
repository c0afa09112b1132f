using System.Reflection;
using DevLab.JmesPath.Expressions;
using DevLab.JmesPath.Interop;

namespace RunTasks.Analysis.Conditions;

/// <summary>
/// The parts of a resource change a condition can read, as a tree of property names: <c>change.after.name == 'bad'</c> reads
/// only <c>change.after.name</c>, so only that is converted for it. A value a condition may observe as a whole (compare it,
/// test its truth, index it, pass it to a function) is kept whole; any expression not understood here keeps everything.
/// </summary>
internal sealed class ConditionPaths
{
    private static readonly PropertyInfo? Left = typeof(JmesPathCompoundExpression).GetProperty("Left", BindingFlags.Instance | BindingFlags.NonPublic);
    private static readonly PropertyInfo? Right = typeof(JmesPathCompoundExpression).GetProperty("Right", BindingFlags.Instance | BindingFlags.NonPublic);

    private ConditionPaths(bool whole) => IsWhole = whole;

    /// <summary>Everything under this point is read.</summary>
    public bool IsWhole { get; private set; }

    /// <summary>The properties read under this point, when not <see cref="IsWhole"/>.</summary>
    public Dictionary<string, ConditionPaths> Properties { get; } = new(StringComparer.Ordinal);

    public static ConditionPaths Everything => new(whole: true);

    /// <summary>What <paramref name="condition"/> reads from the document it is evaluated on.</summary>
    public static ConditionPaths Of(JmesPathExpression condition)
    {
        var escapes = new EscapeFinder();
        condition.Accept(escapes);
        if (escapes.Found || Left is null || Right is null)
        {
            return Everything;
        }

        var paths = new ConditionPaths(whole: false);
        return paths.Add(condition) ? paths : Everything;
    }

    // Adds what evaluating expression on the root reads; false when it cannot tell.
    private bool Add(JmesPathExpression expression)
    {
        if (Base(expression) is { } path)
        {
            AddWhole(path);
            return true;
        }

        switch (expression)
        {
            case JmesPathLiteral or JmesPathRawString:
                return true;
            case JmesPathNotExpression or JmesParenExpression or JmesPathSimpleExpression:
                return Add(((JmesPathSimpleExpression)expression).Expression);
            case JmesPathComparison or JmesPathAndExpression or JmesPathOrExpression:
                return Add(LeftOf(expression)) && Add(RightOf(expression));
            case JmesPathFunctionExpression function:
                return function.Arguments.All(argument => !argument.IsExpressionType && Add(argument));
            case JmesPathMultiSelectList list:
                return list.Expressions.All(Add);
            case JmesPathMultiSelectHash hash:
                return hash.Dictionary.Values.All(Add);
            default:
                return false;
        }
    }

    // The property path under which everything expression reads lies, or null when there is none.
    private static List<string>? Base(JmesPathExpression expression)
    {
        switch (expression)
        {
            case JmesPathIdentifier identifier:
                return [identifier.Name];
            case JmesParenExpression paren:
                return Base(paren.Expression);
            case JmesPathSubExpression or JmesPathIndexExpression or JmesPathPipeExpression when Base(LeftOf(expression)) is { } left:
                // A field of a plain chain narrows the path; anything else reads within what the left side gives.
                if (expression is JmesPathSubExpression && RightOf(expression) is JmesPathIdentifier field && IsChain(LeftOf(expression)))
                {
                    left.Add(field.Name);
                }

                return left;
            default:
                return null;
        }
    }

    private static bool IsChain(JmesPathExpression expression) => expression switch
    {
        JmesPathIdentifier => true,
        JmesPathSubExpression => IsChain(LeftOf(expression)) && RightOf(expression) is JmesPathIdentifier,
        _ => false,
    };

    private static JmesPathExpression LeftOf(JmesPathExpression expression) => (JmesPathExpression)Left!.GetValue(expression)!;

    private static JmesPathExpression RightOf(JmesPathExpression expression) => (JmesPathExpression)Right!.GetValue(expression)!;

    private void AddWhole(List<string> path)
    {
        var node = this;
        foreach (var name in path)
        {
            if (node.IsWhole)
            {
                return;
            }

            if (!node.Properties.TryGetValue(name, out var next))
            {
                next = new ConditionPaths(whole: false);
                node.Properties[name] = next;
            }

            node = next;
        }

        node.IsWhole = true;
        node.Properties.Clear();
    }

    // `$`, `@` and variables can reach values outside the path an expression is written under.
    private sealed class EscapeFinder : IVisitor
    {
        public bool Found { get; private set; }

        public void Visit(JmesPathExpression expression) =>
            Found |= expression is JmesPathRootNodeExpression or JmesPathCurrentNodeExpression or JmesPathVariableReference or JmesPathLetExpression;
    }
}

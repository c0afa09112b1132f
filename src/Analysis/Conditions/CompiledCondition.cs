using DevLab.JmesPath.Expressions;
using DevLab.JmesPath.Functions;
using DevLab.JmesPath.Interop;
using Newtonsoft.Json.Linq;
using RunTasks.Analysis.Conditions.Functions;

namespace RunTasks.Analysis.Conditions;

/// <summary>
/// One compiled copy of a condition. JmesPath.Net keeps the document being evaluated inside the expression (the root for
/// <c>$</c>, <c>let</c> scopes) and its functions, so a copy serves one evaluation at a time and forgets the document after it.
/// </summary>
internal sealed class CompiledCondition
{
    private static readonly JValue Nothing = JValue.CreateNull();

    private readonly JmesPathFunction[] _functions;
    private readonly JmesPathExpression _expression;

    public CompiledCondition(string condition)
    {
        ConditionLimits.CheckLength(condition);
        var parser = PolicyFunctions.CreateParser();
        _expression = parser.Parse(condition);
        ConditionLimits.CheckDepth(_expression);
        var used = new FunctionNames();
        _expression.Accept(used);
        var repository = (IFunctionRepository)parser.FunctionRepository;
        _functions = [.. used.Names.Select(name => repository[name])];
    }

    public JmesPathExpression Expression => _expression;

    public JmesPathArgument Evaluate(JToken document)
    {
        try
        {
            return _expression.Transform(document);
        }
        finally
        {
            Forget();
        }
    }

    // A pooled copy must not keep the last resource alive: drop the root and each function's last context.
    private void Forget()
    {
        if (_expression is IScopeHolder { Scopes: { } scopes })
        {
            scopes.SetRoot(Nothing);
        }

        foreach (var function in _functions)
        {
            function.SetContext(Nothing);
        }
    }

    private sealed class FunctionNames : IVisitor
    {
        public HashSet<string> Names { get; } = new(StringComparer.Ordinal);

        public void Visit(JmesPathExpression expression)
        {
            if (expression is JmesPathFunctionExpression function)
            {
                Names.Add(function.Name);
            }
        }
    }
}

using System.Globalization;
using DevLab.JmesPath.Functions;
using Newtonsoft.Json.Linq;

namespace RunTasks.Analysis.Conditions.Functions;

/// <summary>Lenient readers for function arguments: plan values may be null, a scalar or a list.</summary>
internal static class FunctionArguments
{
    public static bool IsNull(JToken? token) => token is null || token.Type is JTokenType.Null or JTokenType.Undefined;

    /// <summary>The items of an array, a scalar as one item, nothing for null.</summary>
    public static IEnumerable<JToken> Items(JmesPathFunctionArgument argument) => argument.Token switch
    {
        var t when IsNull(t) => [],
        JArray array => array.Where(item => !IsNull(item)),
        var t => [t],
    };

    /// <summary>The string items of an array or a single string; other items are skipped.</summary>
    public static IEnumerable<string> Strings(JmesPathFunctionArgument argument) =>
        Items(argument).Where(t => t.Type == JTokenType.String).Select(t => t.Value<string>()!);

    /// <summary>True for null and for the empty strings providers write for unset attributes.</summary>
    public static bool IsNullOrEmpty(JToken? token) => IsNull(token) || (token!.Type == JTokenType.String && string.IsNullOrWhiteSpace(token.Value<string>()));

    /// <summary>An integer from a number or a numeric string; null for null or ""; an error for anything else.</summary>
    public static long? Integer(JToken? token, string function)
    {
        if (IsNullOrEmpty(token))
        {
            return null;
        }

        if (token!.Type is JTokenType.Integer or JTokenType.Float)
        {
            return (long)token.Value<decimal>();
        }

        if (token.Type == JTokenType.String && long.TryParse(token.Value<string>(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        throw new ArgumentException($"{function}: '{token}' is not a number");
    }
}

using System.Text.RegularExpressions;
using DevLab.JmesPath.Functions;
using Newtonsoft.Json.Linq;

namespace RunTasks.Analysis.Conditions.Functions;

/// <summary>
/// <c>tls_version_below(value, minimum)</c>: true when a provider's minimum-TLS setting allows a protocol older than
/// <c>minimum</c>. Reads the spellings providers use — <c>"1.0"</c>, <c>"TLS1_1"</c>, <c>"TLS_1_0"</c>, <c>"TLSv1"</c>,
/// <c>"TLSv1.2_2021"</c>, <c>"Tls11"</c>, <c>"Tls"</c> (1.0), <c>"Policy-Min-TLS-1-0-2019-07"</c>, <c>"SSLv3"</c> — and
/// treats <c>"Disabled"</c>/<c>"None"</c> (no minimum) as below. Null or "" is false; an unknown spelling is an evaluation error.
/// <c>tls_version_below(change.after.min_tls_version, '1.2')</c>.
/// </summary>
internal sealed partial class TlsVersionBelowFunction : JmesPathFunction
{
    private const string FunctionName = "tls_version_below";

    public TlsVersionBelowFunction()
        : base(FunctionName, 2)
    {
    }

    public override JToken Execute(params JmesPathFunctionArgument[] args)
    {
        if (FunctionArguments.IsNullOrEmpty(args[0].Token))
        {
            return false;
        }

        var minimum = Parse(args[1].Token) ?? throw new ArgumentException($"{FunctionName}: the minimum must be a TLS version such as '1.2'");
        return Parse(args[0].Token) is not { } version || version.CompareTo(minimum) < 0;
    }

    /// <summary>The (major, minor) TLS version; SSL is (0, n); null for a setting that enforces no minimum.</summary>
    private static (int Major, int Minor)? Parse(JToken? token)
    {
        var text = token?.Type == JTokenType.String ? token.Value<string>()!.Trim() : token?.ToString() ?? string.Empty;
        if (text.Equals("disabled", StringComparison.OrdinalIgnoreCase) || text.Equals("none", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        if (BareVersion().Match(text) is { Success: true } bare)
        {
            return (Digit(bare.Groups[1]), bare.Groups[2].Success ? Digit(bare.Groups[2]) : 0);
        }

        if (NamedVersion().Match(text) is { Success: true } named)
        {
            var ssl = named.Groups[1].Value.Equals("ssl", StringComparison.OrdinalIgnoreCase);
            var major = named.Groups[2].Success ? Digit(named.Groups[2]) : 1;
            var minor = named.Groups[3].Success ? Digit(named.Groups[3]) : 0;
            return ssl ? (0, major) : (major, minor);
        }

        throw new ArgumentException($"{FunctionName}: '{text}' is not a TLS version this function reads");
    }

    private static int Digit(Group group) => group.Value[0] - '0';

    [GeneratedRegex(@"^(\d)(?:[._](\d))?$")]
    private static partial Regex BareVersion();

    // "TLSv1.2_2021" → 1.2, "TLSv1_2016" → 1.0 (a year is not a minor version), "Tls12" → 1.2, "Tls" → 1.0.
    [GeneratedRegex(@"(ssl|tls)v?[ _-]?(\d)?(?:[._-]?(\d)(?!\d))?", RegexOptions.IgnoreCase)]
    private static partial Regex NamedVersion();
}

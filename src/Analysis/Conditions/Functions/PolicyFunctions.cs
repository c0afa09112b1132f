using DevLab.JmesPath;

namespace RunTasks.Analysis.Conditions.Functions;

/// <summary>The JMESPath parser of custom-rule conditions, with the functions policies need beyond standard JMESPath.</summary>
internal static class PolicyFunctions
{
    public static JmesPath CreateParser()
    {
        var parser = new JmesPath();
        parser.FunctionRepository
            .Register<AnyCidrIsInternetFunction>()
            .Register<CidrIsPublicFunction>()
            .Register<ContainsAnyFunction>()
            .Register<PortInRangeFunction>()
            .Register<TlsVersionBelowFunction>();
        return parser;
    }
}

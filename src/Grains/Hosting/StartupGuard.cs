using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using RunTasks.Analysis.Policies;

namespace RunTasks.Grains.Hosting;

/// <summary>
/// Runs a process from build to exit: a configuration error ends it with one line on stderr naming the key and exit
/// code 1, not an unhandled exception with a stack trace (exit 134). Anything else keeps its stack trace: that is a bug.
/// </summary>
public static class StartupGuard
{
    public const int ConfigurationError = 1;

    public static async Task<int> RunAsync(Func<Task<int>> run, TextWriter? error = null)
    {
        ArgumentNullException.ThrowIfNull(run);
        try
        {
            return await run();
        }
        catch (Exception exception) when (Describe(exception) is { } line)
        {
            await (error ?? Console.Error).WriteLineAsync($"RunTasks cannot start: {line}");
            return ConfigurationError;
        }
    }

    /// <summary>
    /// Runs what the host would only run once it starts (settings validated on start, policy files, free ports), so a
    /// refusal comes before any silo joins a cluster, and without the host's own "Hosting failed to start" stack trace.
    /// </summary>
    public static void CheckBeforeStart(IHost host, IEnumerable<(string Url, string Key)> listenUrls)
    {
        ArgumentNullException.ThrowIfNull(host);
        host.Services.GetService<IStartupValidator>()?.Validate();
        host.Services.GetService<IPolicyProvider>();
        ListenPortGuard.EnsureFree(listenUrls);
    }

    /// <summary>The one line for a configuration error; null for any other exception.</summary>
    public static string? Describe(Exception exception) => exception switch
    {
        OptionsValidationException options => OneLine(string.Join(" ", options.Failures.Distinct())),
        StartupException startup => OneLine(startup.Message),
        PolicyLoadException policy => OneLine(policy.Message),
        IOException { InnerException: AddressInUseException } bind => OneLine($"{bind.Message} Stop the other process or choose another port (ASPNETCORE_URLS, --urls)."),
        AggregateException aggregate => DescribeAll(aggregate.InnerExceptions),
        _ => null,
    };

    private static string? DescribeAll(IEnumerable<Exception> exceptions)
    {
        var lines = exceptions.Select(Describe).ToList();
        return lines.Count > 0 && lines.All(l => l is not null) ? string.Join(" ", lines.Distinct()) : null;
    }

    private static string OneLine(string text) => string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}

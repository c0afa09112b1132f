using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Polly;
using RunTasks.Analysis.Engine;
using RunTasks.Analysis.Policies;
using RunTasks.Grains.Callbacks;
using RunTasks.Grains.Configuration;
using RunTasks.Grains.Details;
using RunTasks.Grains.History;
using RunTasks.Grains.Lifecycle;
using RunTasks.Grains.Notifications;
using RunTasks.Grains.Outbound;
using RunTasks.Grains.Plans;
using RunTasks.Grains.Security;
using RunTasks.Grains.Telemetry;

namespace RunTasks.Grains.Hosting;

public static class RunTasksSiloBuilderExtensions
{
    /// <summary>Everything a silo needs to run task result grains: settings, outbound HTTP clients, the plan checker.</summary>
    public static ISiloBuilder AddRunTasksGrains(this ISiloBuilder silo, IConfiguration configuration)
    {
        var services = silo.Services;
        services.AddRunTasksOptions(configuration);
        services.AddRunTasksDetails(configuration).AddRunTasksMetrics();

        // Deadlines are enforced from persisted timestamps, so a short reminder period in tests is harmless.
        var reminder = (configuration.GetSection(RunTasksOptions.Section).Get<RunTasksOptions>() ?? new()).Deadlines.Reminder;
        if (reminder < TimeSpan.FromMinutes(1))
        {
            silo.Configure<ReminderOptions>(o => o.MinimumReminderPeriod = reminder);
            services.AddLogging(l => l.AddFilter(ReminderPeriodNotice.OrleansCategory, LogLevel.Error)); // our notice says why instead
            services.AddHostedService(sp => new ReminderPeriodNotice(reminder, sp.GetRequiredService<ILogger<ReminderPeriodNotice>>()));
        }

        services.AddSingleton<OutboundPacer>();
        services.AddSingleton<CallbackClient>();
        services.AddSingleton<CallbackSender>();
        services.AddSingleton<PlanDownloader>();
        services.AddSingleton<PlanCheckRunner>();
        services.AddRunTasksConfigurationChecks();
        services.AddRunTasksNotifications(configuration);
        services.AddSingleton<IPolicyProvider>(sp =>
            sp.GetRequiredService<IOptions<RunTasksOptions>>().Value is { PolicyPath: { Length: > 0 } path } options
                ? new PolicyDirectoryProvider(path, sp.GetRequiredService<TimeProvider>(), options.Waivers)
                : DefaultPolicies.Provider);
        services.AddHostedService<PolicyStartupCheck>();
        services.AddHealthChecks().AddCheck<PolicyHealthCheck>(PolicyHealthCheck.Name, tags: [RunTasksDefaults.Ready]);
        services.AddSingleton(sp => new PlanAnalyzer(
            sp.GetRequiredService<IPolicyProvider>(),
            Limits(sp.GetRequiredService<IOptions<RunTasksOptions>>().Value),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<IOptions<RunTasksOptions>>().Value.Waivers));
        services.AddSingleton<IPlanAnalyzer, PolicyPlanAnalyzer>();
        services.AddSingleton<AccessTokenProtector>();
        services.AddRunTasksKeyRing(configuration);
        services.AddRunTasksHistory(configuration);

        // Stored state is plain JSON without CLR type names, so renaming or moving a class never strands a stored task result.
#pragma warning disable ORLEANSEXP006
        silo.UseSystemTextJsonGrainStorageSerializer();
#pragma warning restore ORLEANSEXP006

        // Neither client logs: callback URLs and the plan's redirect target may carry credentials.
        var callbackClient = services.AddHttpClient(CallbackClient.HttpClientName, c => c.Timeout = Timeout.InfiniteTimeSpan)
            .RemoveAllLoggers()
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false }); // the verdict goes only where HCP Terraform said
        callbackClient.AddResilienceHandler("callback", ConfigureCallbackPipeline);
        callbackClient.AddHttpMessageHandler(PacedAttempt);

        services.AddHttpClient(PlanDownloader.HttpClientName, c => c.Timeout = Timeout.InfiniteTimeSpan)
            .RemoveAllLoggers()
            .ConfigurePrimaryHttpMessageHandler(PlanHttpHandler.Create) // no auto-redirect, resolved addresses checked
            .AddHttpMessageHandler(PacedAttempt);
        return silo;
    }

    /// <summary>Embedded mode: task results and reminders in memory (not durable).</summary>
    public static ISiloBuilder UseRunTasksInMemoryStorage(this ISiloBuilder silo)
    {
        silo.AddMemoryGrainStorage(StorageNames.TaskResults);
        silo.UseInMemoryReminderService();
        return silo;
    }

    /// <summary>Cluster mode: membership, task results and reminders in PostgreSQL through the ADO.NET providers.</summary>
    public static ISiloBuilder UseRunTasksPostgres(this ISiloBuilder silo, string connectionString)
    {
        const string invariant = OrleansOptions.AdoNetInvariant;
        silo.UseAdoNetClustering(o => { o.Invariant = invariant; o.ConnectionString = connectionString; });
        silo.AddAdoNetGrainStorage(StorageNames.TaskResults, o => { o.Invariant = invariant; o.ConnectionString = connectionString; });
        silo.UseAdoNetReminderService(o => { o.Invariant = invariant; o.ConnectionString = connectionString; });
        silo.Services.UseRunTasksHistoryStore(_ => HistoryStore.ForPostgres(connectionString));
        return silo;
    }

    private static PacedAttemptHandler PacedAttempt(IServiceProvider services) => new(
        services.GetRequiredService<OutboundPacer>(),
        services.GetRequiredService<IOptions<RunTasksOptions>>().Value.Delivery.AttemptTimeout,
        services.GetRequiredService<TimeProvider>());

    /// <summary>
    /// Quick in-call retries for blips (network errors, timeouts, 5xx). 429 and longer outages are left to the grain,
    /// which waits as long as Retry-After asks without holding its turn, and keeps its schedule across crashes.
    /// Each try waits for the host's turn and is timed from the wire by <see cref="PacedAttemptHandler"/>, inside this pipeline.
    /// </summary>
    private static void ConfigureCallbackPipeline(ResiliencePipelineBuilder<HttpResponseMessage> pipeline) =>
        pipeline.AddRetry(new HttpRetryStrategyOptions
        {
            MaxRetryAttempts = 2,
            Delay = TimeSpan.FromMilliseconds(200),
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            ShouldRetryAfterHeader = false,
            ShouldHandle = args => ValueTask.FromResult(args.Outcome switch
            {
                { Exception: HttpRequestException or TimeoutException } => true,
                { Result: { } response } => (int)response.StatusCode >= 500,
                _ => false,
            }),
        });

    private static AnalysisLimits Limits(RunTasksOptions options) => new()
    {
        MaxResourceChangeBytes = options.MaxResourceChangeBytes,
        MaxCustomRuleChangeBytes = options.MaxCustomRuleChangeBytes,
    };
}

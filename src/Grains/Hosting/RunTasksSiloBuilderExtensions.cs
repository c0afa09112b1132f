using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Polly;
using RunTasks.Callbacks;
using RunTasks.Configuration;
using RunTasks.Outbound;
using RunTasks.Plans;

namespace RunTasks.Hosting;

public static class RunTasksSiloBuilderExtensions
{
    /// <summary>Everything a silo needs to run task result grains: settings, outbound HTTP clients, the plan checker.</summary>
    public static ISiloBuilder AddRunTasksGrains(this ISiloBuilder silo, IConfiguration configuration)
    {
        var services = silo.Services;
        services.AddRunTasksOptions(configuration);

        // Deadlines are enforced from persisted timestamps, so a short reminder period in tests is harmless.
        var reminder = configuration.GetSection(RunTasksOptions.Section).Get<RunTasksOptions>()?.Deadlines.Reminder ?? TimeSpan.FromMinutes(1);
        if (reminder < TimeSpan.FromMinutes(1))
            silo.Configure<ReminderOptions>(o => o.MinimumReminderPeriod = reminder);

        services.AddSingleton(sp => new OutboundLimiter(
            HostRateLimitHandler.CreateLimiter(sp.GetRequiredService<IOptions<RunTasksOptions>>().Value.Delivery.RequestsPerSecondPerHost)));
        services.AddSingleton<CallbackClient>();
        services.AddSingleton<PlanDownloader>();
        services.AddSingleton<PlanCheckRunner>();
        services.AddSingleton<IPlanAnalyser, PlanSummaryAnalyser>();

        var callbackClient = services.AddHttpClient(CallbackClient.HttpClientName, c => c.Timeout = Timeout.InfiniteTimeSpan)
            .RemoveAllLoggers(); // request logs would carry callback URLs, which may hold credentials
        callbackClient.AddResilienceHandler("callback", ConfigureCallbackPipeline);
        callbackClient.AddHttpMessageHandler(sp => new HostRateLimitHandler(sp.GetRequiredService<OutboundLimiter>().Limiter));

        services.AddHttpClient(PlanDownloader.HttpClientName, c => c.Timeout = Timeout.InfiniteTimeSpan)
            .RemoveAllLoggers() // the redirect target is a pre-signed URL
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                AllowAutoRedirect = false, // the 307 must be followed without the bearer token
                AutomaticDecompression = DecompressionMethods.All,
            })
            .AddHttpMessageHandler(sp => new HostRateLimitHandler(sp.GetRequiredService<OutboundLimiter>().Limiter));
        return silo;
    }

    /// <summary>
    /// Quick in-call retries for blips (network errors, timeouts, 5xx). 429 and longer outages are left to the grain,
    /// which waits as long as Retry-After asks without holding its turn, and keeps its schedule across crashes.
    /// </summary>
    private static void ConfigureCallbackPipeline(ResiliencePipelineBuilder<HttpResponseMessage> pipeline, ResilienceHandlerContext context)
    {
        var delivery = context.ServiceProvider.GetRequiredService<IOptions<RunTasksOptions>>().Value.Delivery;
        pipeline
            .AddTimeout(delivery.AttemptTimeout * 3)
            .AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = 2,
                Delay = TimeSpan.FromMilliseconds(200),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldRetryAfterHeader = false,
                ShouldHandle = args => ValueTask.FromResult(args.Outcome switch
                {
                    { Exception: HttpRequestException or Polly.Timeout.TimeoutRejectedException } => true,
                    { Result: { } response } => (int)response.StatusCode >= 500,
                    _ => false,
                }),
            })
            .AddTimeout(delivery.AttemptTimeout);
    }
}

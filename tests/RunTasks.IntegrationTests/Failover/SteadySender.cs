using System.Diagnostics;
using RunTasks.Api.Protocol;
using RunTasks.Testing;

namespace RunTasks.IntegrationTests.Failover;

/// <summary>
/// Posts hooks at a fixed rate whatever the answers (open loop, as HCP Terraform's runs do not wait for each other) and
/// re-sends a hook not answered 200 every <see cref="RetryAfter"/>, as HCP Terraform does.
/// </summary>
public sealed class SteadySender(HttpClient http)
{
    /// <summary>An answer slower than this counts as none.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(5);

    public async Task RunAsync(IReadOnlyList<SentHook> hooks, int perSecond, TimeSpan giveUpAfter)
    {
        var clock = Stopwatch.StartNew();
        var giveUpAt = DateTimeOffset.UtcNow + giveUpAfter;
        var sends = new List<Task>(hooks.Count);
        for (var i = 0; i < hooks.Count; i++)
        {
            var due = TimeSpan.FromSeconds((double)i / perSecond);
            if (due > clock.Elapsed)
            {
                await Task.Delay(due - clock.Elapsed);
            }

            var hook = hooks[i];
            sends.Add(Task.Run(() => SendUntilAcceptedAsync(hook, giveUpAt)));
        }
        await Task.WhenAll(sends);
    }

    private async Task SendUntilAcceptedAsync(SentHook hook, DateTimeOffset giveUpAt)
    {
        while (true)
        {
            var sentAt = DateTimeOffset.UtcNow;
            var clock = Stopwatch.StartNew();
            var status = await PostOnceAsync(hook.Body);
            hook.Attempts.Enqueue(new HookAttempt(sentAt, status, clock.Elapsed));
            if (status == 200 || DateTimeOffset.UtcNow > giveUpAt)
            {
                return;
            }

            await Task.Delay(RetryAfter);
        }
    }

    private async Task<int> PostOnceAsync(byte[] body)
    {
        using var patience = new CancellationTokenSource(Patience);
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/run-task") { Content = content };
        request.Headers.TryAddWithoutValidation("X-TFC-Task-Signature", RequestSignature.Compute(ApiHost.HmacKey, body));
        try
        {
            using var response = await http.SendAsync(request, patience.Token);
            return (int)response.StatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
        {
            return 0;
        }
    }
}

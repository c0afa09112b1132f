using System.Diagnostics;
using System.Security.Cryptography;

namespace RunTasks.Load;

/// <summary>Sends signed run task requests, open loop at a fixed rate or as fast as the target answers.</summary>
public sealed class HookDriver(HttpClient http, LoadOptions options)
{
    /// <summary>Sends every hook to <paramref name="baseUrl"/>/run-task; records each one's send time, answer and ack time.</summary>
    public async Task<TimeSpan> DriveAsync(string baseUrl, IReadOnlyList<(LoadTask Task, byte[] Body)> hooks)
    {
        var clock = Stopwatch.StartNew();
        var started = DateTimeOffset.UtcNow;
        var sends = new List<Task>(hooks.Count);
        using var inFlight = new SemaphoreSlim(options.Concurrency);
        for (var i = 0; i < hooks.Count; i++)
        {
            if (options.Rate > 0)
            {
                // Open loop: the schedule never waits for answers, so a slow service cannot slow the load down.
                var due = TimeSpan.FromSeconds(i / options.Rate);
                if (due - clock.Elapsed is var wait && wait > TimeSpan.FromMilliseconds(1))
                {
                    await Task.Delay(wait);
                }
            }
            else
            {
                await inFlight.WaitAsync();
            }

            var (task, body) = hooks[i];
            sends.Add(SendAsync(baseUrl, task, body, options.Rate > 0 ? null : inFlight));
        }
        await Task.WhenAll(sends);
        return DateTimeOffset.UtcNow - started;
    }

    private async Task SendAsync(string baseUrl, LoadTask task, byte[] body, SemaphoreSlim? inFlight)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, baseUrl + "/run-task") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.TryAddWithoutValidation("X-TFC-Task-Signature", Convert.ToHexStringLower(HMACSHA512.HashData(System.Text.Encoding.UTF8.GetBytes(options.HmacKey), body)));
        task.SentAt = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        try
        {
            using var response = await http.SendAsync(request);
            task.AckStatus = (int)response.StatusCode;
        }
        catch (HttpRequestException)
        {
            task.AckStatus = -1;
        }
        catch (TaskCanceledException)
        {
            task.AckStatus = -2;
        }
        finally
        {
            task.Ack = clock.Elapsed;
            inFlight?.Release();
        }
    }
}

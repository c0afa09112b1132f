using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace RunTasks.Testing;

/// <summary>
/// Slack, Teams and webhook receivers on loopback Kestrel: any POST to <c>/{channel}</c> is recorded with its exact
/// body bytes and headers. Faults queue per channel.
/// </summary>
public sealed class FakeChat : IAsyncDisposable
{
    private readonly WebApplication _app;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private FakeChat(WebApplication app) => _app = app;

    public string BaseUrl { get; private set; } = "";

    public string Authority => new Uri(BaseUrl).Authority;

    public string Url(string channel) => $"{BaseUrl}/{channel}";

    public ConcurrentQueue<ChatMessage> Messages { get; } = new();

    /// <summary>Status codes (with an optional Retry-After in seconds) answered to the next posts of a channel.</summary>
    public ConcurrentDictionary<string, ConcurrentQueue<(int Status, int? RetryAfter)>> Faults { get; } = new();

    public IReadOnlyList<ChatMessage> On(string channel) => [.. Messages.Where(m => m.Channel == channel)];

    public static async Task<FakeChat> StartAsync()
    {
        var app = LoopbackApp.Create();
        var chat = new FakeChat(app);
        app.MapPost("/{channel}", chat.ReceiveAsync);
        await app.StartAsync();
        var port = LoopbackApp.Port(app);
        chat.BaseUrl = $"http://127.0.0.1:{port}";
        return chat;
    }

    public async Task WhenAsync(Func<IReadOnlyList<ChatMessage>, bool> condition, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        while (true)
        {
            var changed = _changed.Task;
            if (condition([.. Messages]))
            {
                return;
            }

            await changed.WaitAsync(deadline.Token);
        }
    }

    private async Task ReceiveAsync(HttpContext context, string channel)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer);
        if (Faults.TryGetValue(channel, out var faults) && faults.TryDequeue(out var fault))
        {
            if (fault.RetryAfter is { } seconds)
            {
                context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            context.Response.StatusCode = fault.Status;
            return;
        }

        Messages.Enqueue(new ChatMessage(channel, buffer.ToArray(), context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase)));
        Interlocked.Exchange(ref _changed, new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
        context.Response.StatusCode = 200;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

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
    private const string DeliveryHeader = "X-RunTasks-Delivery";

    private readonly ChangeSignal _changed = new();
    private readonly ConcurrentDictionary<string, byte> _delivered = new();

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

    public Task WhenAsync(Func<IReadOnlyList<ChatMessage>, bool> condition, TimeSpan timeout) => _changed.WhenAsync(() => condition([.. Messages]), timeout);

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

        // A delivery already answered 200 must never come again (a retry after a fault is fine): the first repeat trips.
        if (context.Request.Headers[DeliveryHeader].ToString() is { Length: > 0 } delivery && !_delivered.TryAdd(delivery, 0))
        {
            UnexpectedRepeats.Enqueue(delivery);
        }

        Messages.Enqueue(new ChatMessage(channel, buffer.ToArray(), context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase)));
        _changed.Notify();
        context.Response.StatusCode = 200;
    }

    /// <summary>Deliveries (<c>X-RunTasks-Delivery</c>) that arrived again after one of them was answered 200.</summary>
    public ConcurrentQueue<string> UnexpectedRepeats { get; } = new();

    /// <summary>Stops the fake; a repeated delivery seen at any time fails the test here at the latest.</summary>
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        if (UnexpectedRepeats.TryPeek(out var delivery))
        {
            throw new InvalidOperationException($"delivery {delivery} arrived again after it was accepted ({UnexpectedRepeats.Count} repeat(s) in all)");
        }
    }
}

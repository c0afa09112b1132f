using System.Net;
using System.Net.Sockets;
using RunTasks.Grains.Plans;

namespace RunTasks.Tests.Plans;

/// <summary>The plan client resolves names itself and dials only addresses the request's rules allow.</summary>
public sealed class PlanHttpHandlerTests : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly HttpClient _client = new(PlanHttpHandler.Create());

    public PlanHttpHandlerTests() => _listener.Start();

    private int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    [Fact]
    public async Task Name_that_resolves_to_loopback_is_not_dialled_when_loopback_is_refused()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"http://localhost:{Port}/object");
        request.Options.Set(PlanDestination.Key, new PlanDestination(Trusted: false, AllowLoopback: false, AllowPrivate: false));

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => _client.SendAsync(request));
        var refused = Assert.IsType<PlanUnavailableException>(error.InnerException);
        Assert.False(refused.Transient);
        Assert.Contains("loopback", refused.Message, StringComparison.Ordinal);
        Assert.False(_listener.Pending());
    }

    [Fact]
    public async Task Name_that_resolves_to_an_allowed_address_is_dialled()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"http://localhost:{Port}/object");
        request.Options.Set(PlanDestination.Key, new PlanDestination(Trusted: false, AllowLoopback: true, AllowPrivate: false));
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(10));

        var sending = _client.SendAsync(request, cancel.Token);
        using var accepted = await _listener.AcceptTcpClientAsync(cancel.Token);
        Assert.True(accepted.Connected);
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sending);
    }

    public void Dispose()
    {
        _client.Dispose();
        _listener.Dispose();
    }
}

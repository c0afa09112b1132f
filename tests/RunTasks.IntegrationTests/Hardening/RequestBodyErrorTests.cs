using RunTasks.Testing;

namespace RunTasks.IntegrationTests.Hardening;

/// <summary>Bodies the client gets wrong are answered 400 (or 408) with one warning line, never a 500 with a stack trace.</summary>
public sealed class RequestBodyErrorTests : IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);
    private ApiHost _api = null!;

    public async Task InitializeAsync() => _api = await ApiHost.StartAsync();

    public async Task DisposeAsync() => await _api.DisposeAsync();

    private static string Head(string framing) =>
        $"POST /run-task HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nX-TFC-Task-Signature: {new string('0', 128)}\r\n{framing}\r\n\r\n";

    [Fact]
    public async Task Malformed_chunk_is_400_with_one_warning_and_no_stack_trace()
    {
        using var connection = await RawHttpConnection.OpenAsync(_api.BaseUrl);
        await connection.SendAsync(Head("Transfer-Encoding: chunked") + "ZZ\r\n{}\r\n0\r\n\r\n");

        Assert.Equal(400, await connection.ReadStatusAsync(Wait));
        await AssertOneWarningWithoutStackTraceAsync(400);
    }

    [Fact]
    public async Task Body_shorter_than_its_content_length_is_400_with_one_warning_and_no_stack_trace()
    {
        using var connection = await RawHttpConnection.OpenAsync(_api.BaseUrl);
        await connection.SendAsync(Head("Content-Length: 100") + "{\"task_result_id\":");
        connection.EndSending();

        // Kestrel may reset a connection whose client stopped sending before the 400 goes out; either way no 500.
        var status = await connection.ReadStatusAsync(Wait);
        Assert.True(status is 400 or 0, $"answered {status}");
        await AssertOneWarningWithoutStackTraceAsync(400);
    }

    [Fact]
    public async Task Body_slower_than_the_minimum_data_rate_is_408_with_one_warning_and_no_stack_trace()
    {
        using var connection = await RawHttpConnection.OpenAsync(_api.BaseUrl);
        await connection.SendAsync(Head("Content-Length: 100000") + "{\"task_result_id\":");

        // Kestrel's default minimum is 240 bytes/s after a 5 s grace period; this body never gets there.
        Assert.Equal(408, await connection.ReadStatusAsync(Wait));
        await AssertOneWarningWithoutStackTraceAsync(408);
    }

    private async Task AssertOneWarningWithoutStackTraceAsync(int status)
    {
        // The warning is written when the request ends, which may come just after the client saw the status.
        var warning = $"refused with {status}";
        await _api.Logs.WaitForAsync(warning, TimeSpan.FromSeconds(5));

        var lines = _api.Logs.Text.Split('\n');
        Assert.DoesNotContain(lines, l => l.StartsWith("Error", StringComparison.Ordinal) || l.StartsWith("Critical", StringComparison.Ordinal));
        Assert.Single(lines, l => l.StartsWith("Warning", StringComparison.Ordinal) && l.Contains(warning, StringComparison.Ordinal));
        Assert.DoesNotContain("   at ", _api.Logs.Text, StringComparison.Ordinal);
    }
}

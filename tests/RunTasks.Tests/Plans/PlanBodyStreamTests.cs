using System.IO.Pipelines;
using Microsoft.Extensions.Time.Testing;
using RunTasks.Grains.Plans;

namespace RunTasks.Tests.Plans;

public sealed class PlanBodyStreamTests
{
    private static readonly TimeSpan Idle = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(10);
    private readonly Pipe _body = new();
    private readonly FakeTimeProvider _time = new();

    private PlanBodyStream Guard(int minBytesPerSecond, long maxBytes = long.MaxValue) =>
        new(_body.Reader.AsStream(), new PlanBodyLimits(maxBytes, Idle, minBytesPerSecond, Grace), _time);

    [Fact]
    public async Task Body_that_stops_fails_the_read_with_an_IOException_after_the_idle_timeout()
    {
        using var guard = Guard(minBytesPerSecond: 0);
        var read = guard.ReadAsync(new byte[16]).AsTask();

        _time.Advance(Idle - TimeSpan.FromSeconds(1));
        Assert.False(read.IsCompleted);
        _time.Advance(TimeSpan.FromSeconds(2));
        var error = await Assert.ThrowsAsync<IOException>(() => read);
        Assert.Contains("PlanReadIdleTimeout", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Body_that_drips_a_byte_every_two_seconds_fails_once_the_grace_period_is_over()
    {
        using var guard = Guard(minBytesPerSecond: 1024);
        var buffer = new byte[16];
        var elapsed = TimeSpan.Zero;
        var error = await Assert.ThrowsAsync<IOException>(async () =>
        {
            while (elapsed < TimeSpan.FromMinutes(1))
            {
                var read = guard.ReadAsync(buffer).AsTask();
                _time.Advance(TimeSpan.FromSeconds(2));
                elapsed += TimeSpan.FromSeconds(2);
                await _body.Writer.WriteAsync(new byte[] { (byte)'{' });
                await read;
            }
        });
        Assert.Contains("PlanMinBytesPerSecond", error.Message, StringComparison.Ordinal);
        Assert.InRange(elapsed, Grace, Grace + TimeSpan.FromSeconds(2));
    }

    [Fact]
    public async Task Body_that_keeps_up_the_rate_is_passed_through_unchanged()
    {
        using var guard = Guard(minBytesPerSecond: 1024);
        var plan = new byte[64 * 1024];
        Random.Shared.NextBytes(plan);
        using var copy = new MemoryStream();
        for (var offset = 0; offset < plan.Length; offset += 4096)
        {
            await _body.Writer.WriteAsync(plan.AsMemory(offset, 4096));
            _time.Advance(TimeSpan.FromSeconds(1)); // 4 KiB/s, above the minimum
            var buffer = new byte[4096];
            var read = await guard.ReadAsync(buffer);
            copy.Write(buffer, 0, read);
        }
        Assert.Equal(plan, copy.ToArray());
    }

    [Fact]
    public async Task Cancellation_by_the_caller_is_not_reported_as_a_stall()
    {
        using var guard = Guard(minBytesPerSecond: 0);
        using var cancel = new CancellationTokenSource();
        var read = guard.ReadAsync(new byte[16], cancel.Token).AsTask();
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => read);
    }

    [Fact]
    public async Task Plan_larger_than_the_limit_fails_for_good_naming_the_setting()
    {
        using var guard = Guard(minBytesPerSecond: 0, maxBytes: 10);
        await _body.Writer.WriteAsync(new byte[16]);
        var error = await Assert.ThrowsAsync<PlanUnavailableException>(() => guard.ReadAsync(new byte[16]).AsTask());
        Assert.False(error.Transient);
        Assert.Contains("RunTasks:MaxPlanBytes", error.Message, StringComparison.Ordinal);
    }
}

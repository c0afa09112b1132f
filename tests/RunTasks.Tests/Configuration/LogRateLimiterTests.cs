using Microsoft.Extensions.Time.Testing;
using RunTasks.Api.Endpoints;

namespace RunTasks.Tests.Configuration;

/// <summary>A flood of refused requests writes one line per reason per window, and the next line counts the rest.</summary>
public sealed class LogRateLimiterTests
{
    private readonly FakeTimeProvider _time = new();
    private readonly LogRateLimiter _limiter;

    public LogRateLimiterTests() => _limiter = new LogRateLimiter(_time, TimeSpan.FromSeconds(10));

    [Fact]
    public void Repeats_within_the_window_are_not_written()
    {
        Assert.True(_limiter.TryAcquire("401", out _));
        Assert.False(_limiter.TryAcquire("401", out _));
        _time.Advance(TimeSpan.FromSeconds(9));
        Assert.False(_limiter.TryAcquire("401", out _));
    }

    [Fact]
    public void First_line_after_the_window_counts_the_lines_left_out()
    {
        _limiter.TryAcquire("401", out _);
        for (var i = 0; i < 5; i++)
        {
            _limiter.TryAcquire("401", out _);
        }

        _time.Advance(TimeSpan.FromSeconds(10));

        Assert.True(_limiter.TryAcquire("401", out var suppressed));
        Assert.Equal(5, suppressed);
    }

    [Fact]
    public void Each_reason_has_its_own_window()
    {
        _limiter.TryAcquire("401", out _);

        Assert.True(_limiter.TryAcquire("413", out var suppressed));
        Assert.Equal(0, suppressed);
    }
}

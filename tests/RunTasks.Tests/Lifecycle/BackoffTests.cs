using RunTasks.Grains.Lifecycle;

namespace RunTasks.Tests.Lifecycle;

public sealed class BackoffTests
{
    private static readonly TimeSpan Initial = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Max = TimeSpan.FromMinutes(1);

    [Theory]
    [InlineData(1, 2)]
    [InlineData(2, 4)]
    [InlineData(4, 16)]
    [InlineData(6, 60)]
    [InlineData(1000, 60)]
    public void Delay_doubles_from_the_initial_step_up_to_the_maximum_within_twenty_percent(int failures, double seconds)
    {
        for (var i = 0; i < 200; i++)
        {
            var delay = Backoff.Delay(failures, Initial, Max).TotalSeconds;
            Assert.InRange(delay, seconds * 0.8, seconds * 1.2);
        }
    }

    [Fact]
    public void Jitter_spreads_retries_that_fail_together()
    {
        var delays = Enumerable.Range(0, 100).Select(_ => Backoff.Delay(3, Initial, Max)).Distinct().Count();
        Assert.True(delays > 50, $"{delays} distinct delays of 100");
    }

    [Fact]
    public void Server_hint_is_a_floor_never_a_ceiling()
    {
        Assert.Equal(TimeSpan.FromSeconds(30), Backoff.Delay(1, Initial, Max, TimeSpan.FromSeconds(30)));
        Assert.True(Backoff.Delay(6, Initial, Max, TimeSpan.FromSeconds(1)) >= TimeSpan.FromSeconds(48));
    }
}

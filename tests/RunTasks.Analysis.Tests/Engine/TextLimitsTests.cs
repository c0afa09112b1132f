using RunTasks.Analysis.Engine;

namespace RunTasks.Analysis.Tests.Engine;

public sealed class TextLimitsTests
{
    [Fact]
    public void Text_within_the_limit_is_kept_whole()
    {
        Assert.Equal("short", TextLimits.Truncate("short", 5));
    }

    [Fact]
    public void Text_over_the_limit_ends_with_an_ellipsis_at_exactly_the_limit()
    {
        var truncated = TextLimits.Truncate(new string('x', TextLimits.MaxMessage + 50), TextLimits.MaxMessage);

        Assert.Equal(TextLimits.MaxMessage, truncated.Length);
        Assert.EndsWith("…", truncated, StringComparison.Ordinal);
    }
}

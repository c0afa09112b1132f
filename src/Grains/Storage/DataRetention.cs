using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace RunTasks.Grains.Storage;

/// <summary><c>RunTasks:DataRetention</c>: how long a task result untouched since is kept in the data file (default 90 days).</summary>
public static class DataRetention
{
    public const string Key = "RunTasks:DataRetention";

    public static readonly TimeSpan Default = TimeSpan.FromDays(90);

    /// <summary>At least a day: a task result lives at most hours, and its details link must keep answering after.</summary>
    public static TimeSpan Read(IConfiguration configuration)
    {
        var value = configuration[Key];
        if (string.IsNullOrWhiteSpace(value))
        {
            return Default;
        }

        return TimeSpan.TryParse(value, CultureInfo.InvariantCulture, out var retention) && retention >= TimeSpan.FromDays(1)
            ? retention
            : throw new OptionsValidationException(Key, typeof(TimeSpan), [$"{Key} '{value}' must be a time span of at least one day (e.g. 90.00:00:00)."]);
    }
}

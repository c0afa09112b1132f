using Microsoft.Extensions.Options;

namespace RunTasks.Grains.Configuration;

/// <summary>Checks the relations between settings that data annotations cannot express.</summary>
public sealed class RunTasksOptionsValidator : IValidateOptions<RunTasksOptions>
{
    public ValidateOptionsResult Validate(string? name, RunTasksOptions options)
    {
        var errors = new List<string>();
        var d = options.Deadlines;
        const string p = "RunTasks:Deadlines:";
        if (d.SafetyMargin < TimeSpan.Zero)
        {
            errors.Add($"{p}SafetyMargin must not be negative.");
        }

        if (d.Progress <= d.SafetyMargin)
        {
            errors.Add($"{p}Progress ({d.Progress}) must be longer than SafetyMargin ({d.SafetyMargin}).");
        }

        if (d.Total <= d.SafetyMargin)
        {
            errors.Add($"{p}Total ({d.Total}) must be longer than SafetyMargin ({d.SafetyMargin}).");
        }

        if (d.Heartbeat <= TimeSpan.Zero || d.Heartbeat >= d.Progress - d.SafetyMargin)
        {
            errors.Add($"{p}Heartbeat ({d.Heartbeat}) must be positive and shorter than Progress - SafetyMargin ({d.Progress - d.SafetyMargin}).");
        }

        if (d.Reminder <= TimeSpan.Zero || d.Reminder >= d.Progress - d.SafetyMargin)
        {
            errors.Add($"{p}Reminder ({d.Reminder}) must be positive and shorter than Progress - SafetyMargin.");
        }

        if (d.FirstProgress < TimeSpan.Zero || d.FirstProgress >= d.Progress - d.SafetyMargin)
        {
            errors.Add($"{p}FirstProgress ({d.FirstProgress}) must not be negative and shorter than Progress - SafetyMargin.");
        }

        if (d.AnalysisLease <= TimeSpan.Zero)
        {
            errors.Add($"{p}AnalysisLease must be positive.");
        }

        if (options.Waivers.MaxDuration <= TimeSpan.Zero || options.Waivers.WarnBefore < TimeSpan.Zero)
        {
            errors.Add("RunTasks:Waivers: MaxDuration must be positive and WarnBefore must not be negative.");
        }

        var del = options.Delivery;
        if (del.AttemptTimeout <= TimeSpan.Zero || del.InitialBackoff <= TimeSpan.Zero || del.MaxBackoff < del.InitialBackoff)
        {
            errors.Add("RunTasks:Delivery: AttemptTimeout and InitialBackoff must be positive and MaxBackoff at least InitialBackoff.");
        }

        if (del.PlanAttempts < 1 || del.MaxAnalysisAttempts < 1)
        {
            errors.Add("RunTasks:Delivery: PlanAttempts and MaxAnalysisAttempts must be at least 1.");
        }

        if (del.RequestsPerSecondPerHost < 0)
        {
            errors.Add("RunTasks:Delivery:RequestsPerSecondPerHost must be 0 (no cap) or more.");
        }

        if (del.MaxConcurrentAnalyses < 0)
        {
            errors.Add("RunTasks:Delivery:MaxConcurrentAnalyses must be 0 (twice the processor count) or more.");
        }

        if (del.PlanReadIdleTimeout <= TimeSpan.Zero || del.PlanReadIdleTimeout > TimeSpan.FromHours(1) || del.PlanMinBytesPerSecond < 0 || del.PlanMinRateGracePeriod < TimeSpan.Zero)
        {
            errors.Add("RunTasks:Delivery: PlanReadIdleTimeout must be positive and at most 01:00:00 (HCP Terraform's total limit), PlanMinBytesPerSecond and PlanMinRateGracePeriod not negative.");
        }

        foreach (var entry in options.AllowedHosts ?? [])
        {
            if (!Security.AllowedHostList.TryParse(entry, out _, out _))
            {
                errors.Add($"RunTasks:AllowedHosts entry '{entry}' must be a host or host:port (port 1-65535).");
            }
        }

        foreach (var key in options.HmacKeys)
        {
            if (string.IsNullOrEmpty(key))
            {
                errors.Add("RunTasks:HmacKeys must not contain empty keys.");
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}

using System.Collections.Concurrent;

namespace RunTasks.Testing;

/// <summary>One task result as the fake HCP Terraform sees it: its token, its plan, its faults and the callbacks it got.</summary>
public sealed class FakeTask(string taskResultId, byte[]? plan, string stage, bool outcomes, bool absoluteRedirect)
{
    /// <summary>A plan fault that never answers.</summary>
    public const int Hang = -1;

    /// <summary>A callback fault that drops the connection.</summary>
    public const int Drop = -2;

    private readonly TaskCompletionSource<ReceivedCallback> _final = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string TaskResultId { get; } = taskResultId;
    public string Token { get; } = "tok-" + Guid.NewGuid().ToString("N");
    public string CallbackId { get; } = Guid.NewGuid().ToString();
    public string PlanId { get; } = "plan-" + Guid.NewGuid().ToString("N")[..16];
    public byte[]? Plan { get; } = plan;
    public string Stage { get; } = stage;
    public bool Outcomes { get; } = outcomes;
    public bool AbsoluteRedirect { get; } = absoluteRedirect;
    public int PlanRequests;

    /// <summary>1 once a <c>running</c> update was refused by <see cref="FakeHcp.FirstRunningRetryAfterSeconds"/>.</summary>
    public int RunningRefused;

    /// <summary>Status codes (or <see cref="Hang"/>) answered to the next plan requests, in order.</summary>
    public ConcurrentQueue<int> PlanFaults { get; } = new();

    /// <summary>Answers given to the next callbacks instead of accepting them.</summary>
    public ConcurrentQueue<CallbackFault> CallbackFaults { get; } = new();

    /// <summary>Callbacks accepted with 200, in order.</summary>
    public ConcurrentQueue<ReceivedCallback> Accepted { get; } = new();

    /// <summary>Callbacks answered with a fault.</summary>
    public ConcurrentQueue<ReceivedCallback> Refused { get; } = new();

    public IEnumerable<ReceivedCallback> Finals => Accepted.Where(c => c.Status is "passed" or "failed");
    public IEnumerable<ReceivedCallback> Running => Accepted.Where(c => c.Status == "running");

    public void Accept(ReceivedCallback callback)
    {
        Accepted.Enqueue(callback);
        if (callback.Status is "passed" or "failed")
        {
            _final.TrySetResult(callback);
        }
    }

    public Task<ReceivedCallback> FinalAsync(TimeSpan timeout) => _final.Task.WaitAsync(timeout);
}

namespace RunTasks.Api.Details;

/// <summary>Whether the verdict comes from policies judging the plan, or from RunTasks being unable to judge it.</summary>
public enum CheckState
{
    /// <summary>No verdict yet.</summary>
    Pending,

    /// <summary>The stage has no plan (pre_plan): passed without a check, as the protocol expects.</summary>
    NothingToCheck,

    /// <summary>The plan could not be downloaded, read or checked in time: not a finding in the user's code.</summary>
    NotChecked,

    /// <summary>The policies judged the plan; the findings are about the user's code.</summary>
    Checked,
}

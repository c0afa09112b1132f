using System.Diagnostics.CodeAnalysis;
using RunTasks.Analysis.Engine;

namespace RunTasks.Analysis.Policies;

/// <summary>Supplies the policy sets that apply to a run, and the waivers in force.</summary>
public interface IPolicyProvider
{
    [SuppressMessage("Naming", "CA1716:Identifiers should not match keywords", Justification =
        "The name For is the agreed public contract; callers are C# only.")]
    IReadOnlyList<PolicySet> For(EvaluationScope scope);

    /// <summary>Every set in force, whatever its scope; used to say why none applies to a run.</summary>
    IReadOnlyList<PolicySet> Sets => [];

    /// <summary>The waivers in force (accepted findings with an expiry); none by default.</summary>
    WaiverSet Waivers => WaiverSet.Empty;
}

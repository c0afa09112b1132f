using RunTasks.Analysis.Engine;
using RunTasks.Analysis.Plans;

namespace RunTasks.Analysis.Rules;

/// <summary>A rule looking at one resource change at a time, while the plan streams.</summary>
internal interface IResourceRule
{
    string Id { get; }

    void Evaluate(ResourceChange change, RuleContext context);
}

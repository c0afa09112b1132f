using RunTasks.Analysis.Engine;

namespace RunTasks.Analysis.Rules;

/// <summary>A rule deciding once the whole plan has been read, from the facts gathered on the way.</summary>
internal interface IPlanRule
{
    string Id { get; }

    void Complete(PlanFacts facts, RuleContext context);
}

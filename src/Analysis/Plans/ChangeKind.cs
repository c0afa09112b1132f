namespace RunTasks.Analysis.Plans;

/// <summary>What a resource change does, folded from its actions list.</summary>
internal enum ChangeKind
{
    NoOp,
    Create,
    Read,
    Update,
    Delete,
    Replace,
    Forget,
}

namespace RunTasks.Analysis.Configuration;

/// <summary>The attributes and blocks of an HCL body, in file order.</summary>
internal sealed record HclBody(IReadOnlyList<HclAttribute> Attributes, IReadOnlyList<HclBlock> Blocks);

namespace RunTasks.Analysis.Configuration;

/// <summary>
/// An HCL expression read shallowly: a string literal (quoted or heredoc, without interpolation) has <see cref="Literal"/>,
/// an object constructor has its <see cref="Items"/>, anything else (references, calls, operators, templates) is only raw text.
/// </summary>
internal sealed record HclExpression(string? Literal, IReadOnlyList<HclAttribute>? Items, string Raw, int Line);

namespace RunTasks.Testing;

/// <summary>A comment the fake forge keeps: its thread (<c>owner/repo#N</c> or <c>project!iid</c>), text and edit count.</summary>
public sealed record FakeComment(long Id, string Thread, string Body, int Edits);

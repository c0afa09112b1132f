namespace RunTasks.Analysis.Configuration;

/// <summary>
/// A credential written into the configuration. Only a masked prefix is kept (<see cref="SecretMask"/>), never the value.
/// </summary>
/// <param name="Address">The file-less address: module path, block and attribute, e.g. <c>module.db.aws_db_instance.main.password</c>.</param>
/// <param name="Kind">What gave it away: a credential attribute name (<c>password attribute</c>) or a format (<c>AWS access key id</c>).</param>
internal sealed record SecretFact(string Address, string Kind, string Masked, SourceLocation? Location);

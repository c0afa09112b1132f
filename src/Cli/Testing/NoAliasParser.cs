using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace RunTasks.Cli.Testing;

/// <summary>
/// A YAML event stream that stops at the first anchor or alias. The loaded tree shares an aliased node wherever it is used,
/// so nine levels of ten aliases (under 1 KB) become 10^9 values once converted: refusing them before any node is built
/// keeps a test case as large as its text.
/// </summary>
internal sealed class NoAliasParser(IParser inner) : IParser
{
    public ParsingEvent? Current => inner.Current;

    public bool MoveNext()
    {
        if (!inner.MoveNext())
        {
            return false;
        }

        switch (inner.Current)
        {
            case AnchorAlias alias:
                throw new YamlException(alias.Start, alias.End, $"aliases (*{alias.Value}) are not supported in test cases; write the value out");
            case NodeEvent { Anchor.IsEmpty: false } node:
                throw new YamlException(node.Start, node.End, $"anchors (&{node.Anchor}) are not supported in test cases; write the value out");
            default:
                return true;
        }
    }
}

namespace RunTasks.Cli;

/// <summary>A command's arguments: one positional argument, <c>--name value</c> options and <c>--name</c> flags.</summary>
internal sealed class CommandLine
{
    private CommandLine(string argument, Dictionary<string, string> values, HashSet<string> flags)
    {
        Argument = argument;
        Values = values;
        Flags = flags;
    }

    public string Argument { get; }

    public IReadOnlyDictionary<string, string> Values { get; }

    public IReadOnlySet<string> Flags { get; }

    /// <summary>True when <paramref name="args"/> asks for help anywhere (<c>--help</c>, <c>-h</c>).</summary>
    public static bool AsksForHelp(IEnumerable<string> args) => args.Any(a => a is "--help" or "-h");

    /// <summary>Parses <paramref name="args"/> (after the command); null and a problem in plain words when they are wrong.</summary>
    public static CommandLine? Parse(IReadOnlyList<string> args, IReadOnlyCollection<string> valueOptions, IReadOnlyCollection<string> flagOptions, out string? problem)
    {
        string? argument = null;
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var flags = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                if (argument is not null)
                {
                    problem = $"unexpected argument '{arg}'";
                    return null;
                }

                argument = arg;
                continue;
            }

            var name = arg[2..];
            if (flagOptions.Contains(name))
            {
                flags.Add(name);
            }
            else if (!valueOptions.Contains(name))
            {
                problem = $"unknown option '{arg}' (options: {string.Join(", ", valueOptions.Concat(flagOptions).Select(o => "--" + o))})";
                return null;
            }
            else if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                problem = $"{arg} needs a value";
                return null;
            }
            else
            {
                values[name] = args[++i];
            }
        }

        if (argument is null)
        {
            problem = "a file argument is missing";
            return null;
        }

        problem = null;
        return new CommandLine(argument, values, flags);
    }
}

using System.Text;

namespace RunTasks.Analysis.Configuration;

/// <summary>
/// A shallow, forgiving HCL reader: blocks, attributes, string literals, heredocs and object constructors; every other
/// expression is kept as raw text. It never evaluates anything, and on malformed input it skips to the next line
/// instead of failing, because classification, not evaluation, is what the configuration rules need.
/// </summary>
internal sealed class HclReader
{
    private const int MaxNesting = 64;

    private readonly string _text;
    private readonly List<int> _lineStarts = [0];
    private int _pos;

    private HclReader(string text)
    {
        _text = text;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n')
            {
                _lineStarts.Add(i + 1);
            }
        }
    }

    public static HclBody Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var reader = new HclReader(text);
        return reader.ReadBody(0);
    }

    private bool AtEnd => _pos >= _text.Length;

    private char Current => _pos < _text.Length ? _text[_pos] : '\0';

    private int LineAt(int position)
    {
        var index = _lineStarts.BinarySearch(position);
        return (index >= 0 ? index : ~index - 1) + 1;
    }

    private HclBody ReadBody(int nesting)
    {
        var attributes = new List<HclAttribute>();
        var blocks = new List<HclBlock>();
        while (true)
        {
            SkipTrivia(newlines: true);
            if (AtEnd || (nesting > 0 && Current == '}'))
            {
                break;
            }

            var start = _pos;
            if (!IsIdentifierStart(Current))
            {
                SkipLine();
                continue;
            }

            var name = ReadIdentifier();
            var line = LineAt(start);
            SkipTrivia(newlines: false);
            if (Current == '=' && Peek(1) != '=')
            {
                _pos++;
                attributes.Add(new HclAttribute(name, ReadExpression(nesting), line));
                continue;
            }

            var labels = new List<string>();
            while (!AtEnd && (Current == '"' || IsIdentifierStart(Current)))
            {
                labels.Add(Current == '"' ? ReadQuoted().Value : ReadIdentifier());
                SkipTrivia(newlines: false);
            }

            if (Current == '{' && nesting < MaxNesting)
            {
                _pos++;
                var body = ReadBody(nesting + 1);
                if (Current == '}')
                {
                    _pos++;
                }

                blocks.Add(new HclBlock(name, labels, body, line));
            }
            else if (Current == '{')
            {
                SkipBalanced();
            }
            else
            {
                SkipLine();
            }
        }

        return new HclBody(attributes, blocks);
    }

    private HclExpression ReadExpression(int nesting)
    {
        SkipTrivia(newlines: false);
        var start = _pos;
        var line = LineAt(start);
        if (Current == '"')
        {
            var quoted = ReadQuoted();
            if (!quoted.Interpolated && EndsExpression())
            {
                return new HclExpression(quoted.Value, null, _text[start.._pos], line);
            }
        }
        else if (Current == '<' && Peek(1) == '<')
        {
            var heredoc = ReadHeredoc();
            if (heredoc is { } text && EndsExpression())
            {
                return new HclExpression(text.Contains("${", StringComparison.Ordinal) ? null : text, null, _text[start.._pos], line);
            }
        }
        else if (Current == '{' && nesting < MaxNesting)
        {
            _pos++;
            if (ReadObjectItems(nesting + 1) is { } items)
            {
                if (EndsExpression())
                {
                    return new HclExpression(null, items, _text[start.._pos], line);
                }
            }
            else
            {
                // Not an object constructor (a for expression, …): go on from here, never re-read what was read, so nesting cannot make it exponential.
                SkipRaw(1);
            }

            SkipRaw(0);
            return new HclExpression(null, null, _text[start.._pos], line);
        }

        _pos = start;
        SkipRaw();
        return new HclExpression(null, null, _text[start.._pos], line);
    }

    // { key = value, "key": value } — null when the braces hold something else (a for expression).
    private List<HclAttribute>? ReadObjectItems(int nesting)
    {
        var items = new List<HclAttribute>();
        while (true)
        {
            SkipTrivia(newlines: true);
            while (Current == ',')
            {
                _pos++;
                SkipTrivia(newlines: true);
            }

            if (AtEnd)
            {
                return null;
            }

            if (Current == '}')
            {
                _pos++;
                return items;
            }

            var keyStart = _pos;
            string key;
            if (Current == '"')
            {
                var quoted = ReadQuoted();
                if (quoted.Interpolated)
                {
                    return null;
                }

                key = quoted.Value;
            }
            else if (IsIdentifierStart(Current))
            {
                key = ReadIdentifier();
            }
            else
            {
                return null;
            }

            SkipTrivia(newlines: false);
            if (!((Current == '=' && Peek(1) != '=' && Peek(1) != '>') || Current == ':'))
            {
                return null;
            }

            _pos++;
            items.Add(new HclAttribute(key, ReadExpression(nesting), LineAt(keyStart)));
        }
    }

    private bool EndsExpression()
    {
        SkipTrivia(newlines: false);
        return AtEnd || Current is '\n' or '\r' or ',' or '}' or ']' or ')';
    }

    // Up to the end of the expression: a newline, comma or closing bracket outside brackets, or a comment.
    private void SkipRaw(int depth = 0)
    {
        while (!AtEnd)
        {
            var c = Current;
            if (c == '"')
            {
                ReadQuoted();
                continue;
            }

            if (c == '<' && Peek(1) == '<' && ReadHeredoc() is not null)
            {
                continue;
            }

            if (depth == 0 && (c is '\n' or ',' or '#' || (c == '/' && Peek(1) is '/' or '*')))
            {
                return;
            }

            if (c is '(' or '[' or '{')
            {
                depth++;
            }
            else if (c is ')' or ']' or '}')
            {
                if (depth == 0)
                {
                    return;
                }

                depth--;
            }
            else if (c == '#' || (c == '/' && Peek(1) is '/' or '*'))
            {
                SkipComment();
                continue;
            }

            _pos++;
        }
    }

    private void SkipBalanced()
    {
        var depth = 0;
        while (!AtEnd)
        {
            var c = Current;
            if (c == '"')
            {
                ReadQuoted();
                continue;
            }

            _pos++;
            if (c == '{')
            {
                depth++;
            }
            else if (c == '}' && --depth == 0)
            {
                return;
            }
        }
    }

    private (string Value, bool Interpolated) ReadQuoted()
    {
        _pos++;
        var builder = new StringBuilder();
        var interpolated = false;
        while (!AtEnd)
        {
            var c = Current;
            if (c == '"')
            {
                _pos++;
                break;
            }

            if (c == '\n')
            {
                // An unterminated string ends at the line, as HCL reports it.
                break;
            }

            if (c == '\\' && _pos + 1 < _text.Length)
            {
                var next = _text[_pos + 1];
                builder.Append(next switch { 'n' => '\n', 't' => '\t', 'r' => '\r', _ => next });
                _pos += 2;
                continue;
            }

            if ((c == '$' || c == '%') && Peek(1) == '{')
            {
                if (Peek(-1) == c && builder.Length > 0 && builder[^1] == c)
                {
                    // $${ and %%{ are escapes for a literal ${ or %{.
                    builder.Append('{');
                    _pos += 2;
                    continue;
                }

                interpolated = true;
                _pos += 2;
                SkipTemplate();
                builder.Append("${…}");
                continue;
            }

            builder.Append(c);
            _pos++;
        }

        return (builder.ToString(), interpolated);
    }

    private void SkipTemplate()
    {
        var depth = 1;
        while (!AtEnd && depth > 0)
        {
            var c = Current;
            if (c == '"')
            {
                ReadQuoted();
                continue;
            }

            _pos++;
            if (c == '{')
            {
                depth++;
            }
            else if (c == '}')
            {
                depth--;
            }
        }
    }

    // <<EOF or <<-EOF, then the lines up to the one holding only the delimiter; null (position kept) when this is not a heredoc.
    private string? ReadHeredoc()
    {
        var start = _pos;
        _pos += 2;
        if (Current == '-')
        {
            _pos++;
        }

        if (!IsIdentifierStart(Current))
        {
            _pos = start;
            return null;
        }

        var delimiter = ReadIdentifier();
        var newline = _text.IndexOf('\n', _pos);
        if (newline < 0)
        {
            _pos = start;
            return null;
        }

        var builder = new StringBuilder();
        var lineStart = newline + 1;
        while (lineStart <= _text.Length)
        {
            var end = _text.IndexOf('\n', lineStart);
            var lineEnd = end < 0 ? _text.Length : end;
            var content = _text.AsSpan(lineStart, lineEnd - lineStart).TrimEnd('\r');
            if (content.Trim().SequenceEqual(delimiter))
            {
                _pos = lineEnd;
                return builder.ToString();
            }

            builder.Append(content).Append('\n');
            if (end < 0)
            {
                break;
            }

            lineStart = end + 1;
        }

        // No closing delimiter: the rest of the file is the heredoc, as Terraform would refuse it anyway.
        _pos = _text.Length;
        return builder.ToString();
    }

    private void SkipTrivia(bool newlines)
    {
        while (!AtEnd)
        {
            var c = Current;
            if (c is ' ' or '\t' or '\r' || (newlines && c == '\n'))
            {
                _pos++;
            }
            else if (c == '#' || (c == '/' && Peek(1) is '/' or '*'))
            {
                SkipComment();
            }
            else
            {
                return;
            }
        }
    }

    private void SkipComment()
    {
        if (Current == '/' && Peek(1) == '*')
        {
            var end = _text.IndexOf("*/", _pos + 2, StringComparison.Ordinal);
            _pos = end < 0 ? _text.Length : end + 2;
            return;
        }

        var newline = _text.IndexOf('\n', _pos);
        _pos = newline < 0 ? _text.Length : newline;
    }

    private void SkipLine()
    {
        var start = _pos;
        SkipRaw();
        if (Current == '{')
        {
            SkipBalanced();
        }

        if (_pos == start)
        {
            _pos++;
        }
    }

    private string ReadIdentifier()
    {
        var start = _pos;
        while (!AtEnd && (char.IsLetterOrDigit(Current) || Current is '_' or '-'))
        {
            _pos++;
        }

        return _text[start.._pos];
    }

    private char Peek(int offset)
    {
        var at = _pos + offset;
        return at >= 0 && at < _text.Length ? _text[at] : '\0';
    }

    private static bool IsIdentifierStart(char c) => char.IsLetter(c) || c == '_';
}

namespace ValueSegmentation.TestUtilities;

/// <summary>
/// Finds the top-level type declarations of a C# source file — classes, structs, records, interfaces, enums and
/// delegates declared directly in a namespace (block or file-scoped) or in the global namespace — without a compiler: a
/// small lexer skips comments, preprocessor lines, strings (regular, verbatim, interpolated, raw) and character literals,
/// and braces are tracked so that nested types are not counted.
/// </summary>
/// <remarks>Stateless and thread-safe.</remarks>
public static class TopLevelTypeDeclarations
{
    private static readonly HashSet<string> TypeKeywords = ["class", "struct", "interface", "enum", "record", "delegate"];

    private static readonly HashSet<string> Modifiers =
    [
        "public", "internal", "private", "protected", "file", "static", "sealed", "abstract", "readonly", "partial",
        "unsafe", "new", "ref",
    ];

    /// <summary>The names of the public top-level types declared in <paramref name="source"/>, in order.</summary>
    /// <param name="source">The text of a C# file.</param>
    /// <returns>The names (without type parameters); <c>file</c>, <c>internal</c> and nested types are not included.</returns>
    public static IReadOnlyList<string> Public(string source) =>
        All(source).Where(d => d.Modifiers.Contains("public")).Select(d => d.Name).ToList();

    /// <summary>Every top-level type declared in <paramref name="source"/>, with its modifiers, in order.</summary>
    /// <param name="source">The text of a C# file.</param>
    /// <returns>The declarations: name and modifiers (for example <c>public</c>, <c>readonly</c>).</returns>
    public static IReadOnlyList<(string Name, IReadOnlyList<string> Modifiers)> All(string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var tokens = Tokenize(source);
        var found = new List<(string, IReadOnlyList<string>)>();

        // One entry per open brace: whether it opened a namespace body. Code is at namespace level when every open
        // brace is a namespace's (a file-scoped namespace opens none).
        var braces = new Stack<bool>();
        var namespaceBraces = 0;
        var namespaceDeclared = false;
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            var atNamespaceLevel = namespaceBraces == braces.Count;
            switch (token)
            {
                case "{":
                    braces.Push(namespaceDeclared);
                    namespaceBraces += namespaceDeclared ? 1 : 0;
                    namespaceDeclared = false;
                    continue;
                case "}":
                    if (braces.Count > 0 && braces.Pop())
                    {
                        namespaceBraces--;
                    }

                    continue;
                case ";":
                    namespaceDeclared = false;
                    continue;
                case "namespace" when atNamespaceLevel:
                    namespaceDeclared = true;
                    continue;
            }

            if (!atNamespaceLevel || !TypeKeywords.Contains(token))
            {
                continue;
            }

            var previous = i > 0 ? tokens[i - 1] : ";";

            // `record struct` / `record class` is one declaration; `where T : class` is a constraint, not a declaration.
            if (previous is not (";" or "{" or "}" or "]") && !Modifiers.Contains(previous))
            {
                continue;
            }

            var modifiers = new List<string>();
            for (var j = i - 1; j >= 0 && Modifiers.Contains(tokens[j]); j--)
            {
                modifiers.Insert(0, tokens[j]);
            }

            found.Add((NameAfter(tokens, i), modifiers));
        }

        return found;
    }

    /// <summary>The declared name after the keyword at <paramref name="keyword"/>.</summary>
    private static string NameAfter(List<string> tokens, int keyword)
    {
        var i = keyword + 1;
        if (tokens[keyword] == "record" && i < tokens.Count && tokens[i] is "struct" or "class")
        {
            i++;
        }

        if (tokens[keyword] != "delegate")
        {
            return i < tokens.Count ? tokens[i] : "?";
        }

        // delegate ReturnType<Args> Name<T>(...): the last identifier before the parameter list, outside angle brackets.
        string name = "?";
        var depth = 0;
        for (; i < tokens.Count && !(tokens[i] == "(" && depth == 0); i++)
        {
            depth += tokens[i] switch { "<" => 1, ">" => -1, _ => 0 };
            if (depth == 0 && IsIdentifierStart(tokens[i][0]))
            {
                name = tokens[i];
            }
        }

        return name;
    }

    /// <summary>Identifiers, keywords and single punctuation characters, with comments, preprocessor lines, strings,
    /// characters and numbers left out.</summary>
    private static List<string> Tokenize(string text)
    {
        var tokens = new List<string>();
        var i = 0;
        var lineStart = true;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '\n')
            {
                lineStart = true;
                i++;
                continue;
            }

            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }

            if (c == '#' && lineStart)
            {
                i = EndOfLine(text, i);
                continue;
            }

            lineStart = false;
            if (c == '/' && At(text, i + 1) == '/')
            {
                i = EndOfLine(text, i);
            }
            else if (c == '/' && At(text, i + 1) == '*')
            {
                var end = text.IndexOf("*/", i + 2, StringComparison.Ordinal);
                i = end < 0 ? text.Length : end + 2;
            }
            else if (IsStringStart(text, i))
            {
                i = SkipString(text, i);
            }
            else if (c == '\'')
            {
                i = SkipCharacter(text, i);
            }
            else if (IsIdentifierStart(c))
            {
                var start = i;
                i++;
                while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] == '_'))
                {
                    i++;
                }

                tokens.Add(text[start..i]);
            }
            else if (char.IsDigit(c))
            {
                while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] is '_' or '.'))
                {
                    i++;
                }
            }
            else
            {
                tokens.Add(c.ToString());
                i++;
            }
        }

        return tokens;
    }

    private static bool IsIdentifierStart(char c) => char.IsLetter(c) || c is '_' or '@';

    private static char At(string text, int i) => i < text.Length ? text[i] : '\0';

    private static int EndOfLine(string text, int i)
    {
        var end = text.IndexOf('\n', i);
        return end < 0 ? text.Length : end;
    }

    /// <summary>Whether a string literal starts at <paramref name="i"/>: a quote, after any <c>$</c> and <c>@</c> prefixes
    /// (an <c>@</c> followed by a letter is a verbatim identifier instead).</summary>
    private static bool IsStringStart(string text, int i)
    {
        while (i < text.Length && text[i] is '$' or '@')
        {
            i++;
        }

        return At(text, i) == '"';
    }

    /// <summary>The index after the string literal that starts (with its prefixes) at <paramref name="i"/>.</summary>
    private static int SkipString(string text, int i)
    {
        var dollars = 0;
        var verbatim = false;
        for (; text[i] != '"'; i++)
        {
            dollars += text[i] == '$' ? 1 : 0;
            verbatim |= text[i] == '@';
        }

        var quotes = 0;
        while (At(text, i + quotes) == '"')
        {
            quotes++;
        }

        if (quotes >= 3)
        {
            // A raw string: it ends at the next run of as many quotes.
            var delimiter = new string('"', quotes);
            var end = text.IndexOf(delimiter, i + quotes, StringComparison.Ordinal);
            return end < 0 ? text.Length : end + quotes;
        }

        if (quotes == 2 && !verbatim)
        {
            return i + 2; // ""
        }

        i++; // the opening quote
        while (i < text.Length)
        {
            var c = text[i];
            if (verbatim && c == '"' && At(text, i + 1) == '"')
            {
                i += 2;
            }
            else if (!verbatim && c == '\\')
            {
                i += 2;
            }
            else if (c == '"')
            {
                return i + 1;
            }
            else if (dollars > 0 && c == '{' && At(text, i + 1) == '{')
            {
                i += 2;
            }
            else if (dollars > 0 && c == '{')
            {
                i = SkipInterpolationHole(text, i + 1);
            }
            else if (!verbatim && c == '\n')
            {
                return i; // unterminated: let the lexer carry on
            }
            else
            {
                i++;
            }
        }

        return i;
    }

    /// <summary>The index after the <c>}</c> that closes an interpolation hole whose contents start at <paramref name="i"/>.</summary>
    private static int SkipInterpolationHole(string text, int i)
    {
        var depth = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (IsStringStart(text, i))
            {
                i = SkipString(text, i);
            }
            else if (c == '\'')
            {
                i = SkipCharacter(text, i);
            }
            else if (c == '{')
            {
                depth++;
                i++;
            }
            else if (c == '}' && depth-- == 0)
            {
                return i + 1;
            }
            else
            {
                i++;
            }
        }

        return i;
    }

    /// <summary>The index after the character literal that starts at <paramref name="i"/>.</summary>
    private static int SkipCharacter(string text, int i)
    {
        i++; // the opening quote
        while (i < text.Length && text[i] != '\'' && text[i] != '\n')
        {
            i += text[i] == '\\' ? 2 : 1;
        }

        return Math.Min(i + 1, text.Length);
    }
}

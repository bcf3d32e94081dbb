namespace Nuke.LambdaRust.Cargo;

/// <summary>Reads a dotenv-style file: <c>KEY=VALUE</c> lines, <c>#</c> comments, blank lines, optional <c>export</c> and quotes.</summary>
internal static class EnvFileReader
{
    public static IReadOnlyDictionary<string, string> Read(string path, string? declaredAt = null)
    {
        var where = declaredAt is null ? "" : $" (declared by {declaredAt})";
        if (!File.Exists(path))
            throw new LambdaRustException(
                $"The env file '{path}'{where} does not exist.",
                "Create the file, or fix the env_file path: as for cargo-lambda, it is relative to where the build runs (the working directory inside the workspace, else the workspace root).");

        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        var lineNumber = 0;
        foreach (var rawLine in File.ReadLines(path))
        {
            lineNumber++;
            var line = rawLine.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
                continue;
            if (line.StartsWith("export ", StringComparison.Ordinal))
                line = line["export ".Length..].TrimStart();

            var equals = line.IndexOf('=');
            var key = equals > 0 ? line[..equals].Trim() : "";
            if (key.Length == 0 || key.Any(char.IsWhiteSpace))
                throw new LambdaRustException(
                    $"{path}:{lineNumber}: expected KEY=VALUE, found '{rawLine.Trim()}'{where}.",
                    "Write one variable per line as KEY=VALUE; start comment lines with #.");

            variables[key] = Unquote(line[(equals + 1)..].Trim());
        }

        return variables;
    }

    private static string Unquote(string value) =>
        value.Length >= 2 && (value[0] == '"' || value[0] == '\'') && value[^1] == value[0]
            ? value[1..^1]
            : value;
}

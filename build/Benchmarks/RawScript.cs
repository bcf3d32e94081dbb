using System.Text;

namespace Build.Benchmarks;

/// <summary>
/// The baselines: bash scripts a user would write by hand, generated as files and run as processes. Every value in them
/// is single-quoted (a quote inside becomes <c>'\''</c>), so no path or --config value is ever read by the shell.
/// </summary>
internal sealed class RawScript
{
    private readonly StringBuilder _text = new("#!/usr/bin/env bash\nset -euo pipefail\n");

    public static string Quote(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    public RawScript Export(IEnumerable<KeyValuePair<string, string?>> environment)
    {
        foreach (var (name, value) in environment.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            if (!System.Text.RegularExpressions.Regex.IsMatch(name, "^[A-Za-z_][A-Za-z0-9_]*$"))
                throw new Nuke.LambdaRust.LambdaRustException($"'{name}' is not a shell variable name.", "Pass only valid environment variable names to the raw script.");
            _text.Append(value is null ? $"unset {name}\n" : $"export {name}={Quote(value)}\n");
        }

        return this;
    }

    /// <summary>A command line: every word quoted.</summary>
    public RawScript Run(params IEnumerable<string> words)
    {
        _text.Append(string.Join(' ', words.Select(Quote))).Append('\n');
        return this;
    }

    /// <summary>Copies the binary to <c>&lt;folder&gt;/bootstrap</c> and zips it there with <c>zip -X</c> (no extra attributes), as cargo-lambda's users do by hand.</summary>
    public RawScript CopyAndZip(string binary, string folder, int level = 6)
    {
        Run("mkdir", "-p", folder);
        Run("cp", binary, Path.Combine(folder, "bootstrap"));
        Run("rm", "-f", Path.Combine(folder, "bootstrap.zip"));
        _text.Append($"(cd {Quote(folder)} && zip -X -q -{level} bootstrap.zip bootstrap)\n");
        return this;
    }

    /// <summary>Writes the script (LF endings, mode 0755) and returns its path.</summary>
    public string Write(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, _text.ToString());
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(path, (UnixFileMode)0b111_101_101);
        return path;
    }
}

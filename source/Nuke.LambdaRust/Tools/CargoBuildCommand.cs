using Nuke.LambdaRust.Processes;

namespace Nuke.LambdaRust.Tools;

/// <summary>
/// Renders one cargo-like build invocation (<c>cargo build</c>, <c>cargo +tc build</c> or <c>cross build</c>) as an
/// argument list. Pure: every fact it needs is resolved beforehand, which is what makes it testable argument by argument.
/// </summary>
internal static class CargoBuildCommand
{
    public static ToolInvocation Render(
        string program,
        IReadOnlyList<string> prefixArguments,
        string manifestPath,
        BuildGroup group,
        LambdaBuildSettings settings,
        IReadOnlyList<string> configValues,
        IReadOnlyDictionary<string, string?> environment,
        string workingDirectory)
    {
        var options = group.Options;
        var arguments = new List<string>(prefixArguments);
        arguments.AddRange(options.Subcommand.Count > 0 ? options.Subcommand : ["build"]);
        arguments.AddRange(
        [
            "--manifest-path", manifestPath,
            "--target", group.Target.Triple,
            // Our own artifact list: cargo names exactly the executables of this build, so stale files never ship.
            "--message-format", "json-render-diagnostics",
        ]);

        if (group.IsRelease)
            arguments.Add("--release");
        else if (group.Profile != "dev")
            arguments.AddRange(["--profile", group.Profile]);

        if (group.Features.Count > 0)
            arguments.AddRange(["--features", string.Join(',', group.Features)]);
        if (options.AllFeatures)
            arguments.Add("--all-features");
        if (options.NoDefaultFeatures)
            arguments.Add("--no-default-features");
        if (options.TargetDirectory is not null)
            arguments.AddRange(["--target-dir", options.TargetDirectory]);
        if (options.Locked)
            arguments.Add("--locked");
        if (options.Frozen)
            arguments.Add("--frozen");
        if (options.Offline)
            arguments.Add("--offline");
        if (options.Jobs is { } jobs)
            arguments.AddRange(["--jobs", jobs.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        if (options.KeepGoing)
            arguments.Add("--keep-going");
        if (options.Timings)
            arguments.Add("--timings");
        if (options.IgnoreRustVersion)
            arguments.Add("--ignore-rust-version");
        if (options.Quiet)
            arguments.Add("--quiet");
        for (var i = 0; i < options.Verbose; i++)
            arguments.Add("--verbose");
        if (options.Color is not null)
            arguments.AddRange(["--color", options.Color]);
        foreach (var flag in options.UnstableFlags)
            arguments.AddRange(["-Z", flag]);

        foreach (var package in group.Functions.Select(f => f.Function.Package).Distinct().Order(StringComparer.Ordinal))
            arguments.AddRange(["--package", package]);
        foreach (var function in group.Functions.Select(f => f.Function.Name).Order(StringComparer.Ordinal))
            arguments.AddRange(["--bin", function]);
        foreach (var value in options.Config.Concat(configValues))
            arguments.AddRange(["--config", value]);
        arguments.AddRange(options.ExtraArgs);
        arguments.AddRange(settings.CargoArguments);

        return new ToolInvocation(program, arguments)
        {
            WorkingDirectory = workingDirectory,
            Environment = environment,
            Secrets = settings.Secrets.ToArray(),
        };
    }
}

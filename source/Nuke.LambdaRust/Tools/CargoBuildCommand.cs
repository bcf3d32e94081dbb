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
        var arguments = new List<string>(prefixArguments)
        {
            "build",
            "--manifest-path", manifestPath,
            "--target", group.Target.Triple,
            // Our own artifact list: cargo names exactly the executables of this build, so stale files never ship.
            "--message-format", "json-render-diagnostics",
        };

        if (group.IsRelease)
            arguments.Add("--release");
        else if (group.Profile != "dev")
            arguments.AddRange(["--profile", group.Profile]);

        if (group.Features.Count > 0)
            arguments.AddRange(["--features", string.Join(',', group.Features)]);
        if (settings.AllFeatures)
            arguments.Add("--all-features");
        if (settings.NoDefaultFeatures)
            arguments.Add("--no-default-features");
        if (settings.TargetDirectory is not null)
            arguments.AddRange(["--target-dir", settings.TargetDirectory]);

        foreach (var package in group.Functions.Select(f => f.Function.Package).Distinct().Order(StringComparer.Ordinal))
            arguments.AddRange(["--package", package]);
        foreach (var function in group.Functions.Select(f => f.Function.Name).Order(StringComparer.Ordinal))
            arguments.AddRange(["--bin", function]);
        foreach (var value in configValues)
            arguments.AddRange(["--config", value]);
        arguments.AddRange(settings.CargoArguments);

        return new ToolInvocation(program, arguments)
        {
            WorkingDirectory = workingDirectory,
            Environment = environment,
            Secrets = settings.Secrets.ToArray(),
        };
    }
}

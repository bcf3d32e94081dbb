using Nuke.LambdaRust.Tests.Support;

namespace Nuke.LambdaRust.Tests.Cake;

/// <summary>
/// The README's Cake script, as a user copies it: it loads the addin with <c>#addin</c> from the packed packages
/// (<c>artifacts/packages</c>, which <c>./build.sh Pack</c> writes), registers our tasks, and its own Deploy task runs
/// after our Package through Cake's task runner.
/// </summary>
[Collection(nameof(CakeCollection))]
public sealed class CakeReadmeScriptTests(CakeRunner cake) : IDisposable
{
    private readonly CakeWorkspace _workspace = new();

    public void Dispose() => _workspace.Dispose();

    [Fact]
    public void The_readme_script_loads_the_packed_addin_and_runs_its_Deploy_task_after_Package()
    {
        var packages = LocalPackages.Folder("Cake.LambdaRust", "LambdaRust.Build");
        var script = ReadmeScript();
        Assert.StartsWith($"#addin nuget:?package=Cake.LambdaRust&version={LocalPackages.Version}&", script);
        LocalPackages.WriteNuGetConfig(_workspace.Root, packages);

        var run = cake.Run(_workspace.Root, script, ["--arch=arm64", $"--zig-path={TestTools.Zig()}"], LocalPackages.RestoreEnvironment);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.True(Directory.Exists(Path.Combine(_workspace.Root, "tools", "Addins", $"Cake.LambdaRust.{LocalPackages.Version}")), run.ToString());
        var lines = run.Output.Split('\n').Select(l => l.Trim()).ToList();
        foreach (var task in new[] { "Setup", "Doctor", "Compile", "Package", "Deploy" })
            Assert.Contains(lines, l => l.StartsWith(task + " ", StringComparison.Ordinal) && l.EndsWith("Succeeded", StringComparison.Ordinal));
        var packaged = lines.IndexOf("Package");
        var deployed = lines.IndexOf("Deploy");
        Assert.True(packaged >= 0 && deployed > packaged, run.ToString()); // task headers, in the order Cake ran them
        foreach (var function in CakeWorkspace.Functions)
        {
            Assert.Contains($"deploying {function} (arm64): {_workspace.Zip(function)} sha256=", run.Output);
            _workspace.AssertArm64Bootstrap(function);
        }
    }

    /// <summary>The first C# block of the README's "In your Cake build" section.</summary>
    private static string ReadmeScript()
    {
        var readme = File.ReadAllText(Path.Combine(ExampleWorkspace.RepositoryRoot(), "README.md")).ReplaceLineEndings("\n");
        var section = readme.IndexOf("\n## In your Cake build\n", StringComparison.Ordinal);
        Assert.True(section >= 0, "README.md has no '## In your Cake build' section");
        var start = readme.IndexOf("```csharp\n", section, StringComparison.Ordinal) + "```csharp\n".Length;
        return readme[start..readme.IndexOf("\n```", start, StringComparison.Ordinal)];
    }
}

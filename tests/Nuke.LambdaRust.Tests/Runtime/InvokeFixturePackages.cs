using Nuke.LambdaRust.Model;
using Nuke.LambdaRust.Packaging;
using Nuke.LambdaRust.Tests.Support;
using Nuke.LambdaRust.Tools;

namespace Nuke.LambdaRust.Tests.Runtime;

/// <summary>
/// The Invoke fixture functions (tests/fixtures/invoke-functions), copied to a temp folder, built with zig for arm64
/// and x86_64 in one build and packaged, once per test class.
/// </summary>
public sealed class InvokeFixturePackages : IAsyncLifetime
{
    private readonly TestDirectory _directory = new();
    private IReadOnlyList<LambdaPackage> _packages = [];

    public string Manifest { get; private set; } = "";

    public async Task InitializeAsync()
    {
        Manifest = ExampleWorkspace.CopyInvokeFixturesTo(_directory.Path);
        var binaries = await LambdaRustTasks.ZigBuildAsync(s => s
            .SetManifestPath(Manifest)
            .SetArchitectures(LambdaArchitecture.Arm64, LambdaArchitecture.X86_64)
            .SetZigPath(TestTools.Zig()));
        _packages = await LambdaRustTasks.PackageAsync(s => s.SetBinaries(binaries));
    }

    /// <summary>The zip of a fixture function for an architecture (<c>arm64</c> or <c>x86_64</c>).</summary>
    public LambdaPackage Package(string function, string architecture) =>
        _packages.Single(p => p.Name == function && p.Architecture == LambdaArchitectures.Parse(architecture));

    public Task DisposeAsync()
    {
        _directory.Dispose();
        return Task.CompletedTask;
    }
}

using Nuke.LambdaRust.Tests.Packaging;
using Nuke.LambdaRust.Tests.Support;

namespace Nuke.LambdaRust.Tests.Packages;

/// <summary>
/// Proof by use: a fresh console project outside the repository references LambdaRust.Build from artifacts/packages
/// (no project reference), as a user would after <c>dotnet add package</c>, and builds and packages the example.
/// </summary>
public sealed class PlainProgramTests : IDisposable
{
    private readonly TestDirectory _root = new("plain program");

    public void Dispose() => _root.Dispose();

    [Fact]
    public async Task A_console_program_using_the_package_builds_and_zips_the_example_for_arm64()
    {
        var packages = LocalPackages.Folder("LambdaRust.Build");
        var workspace = _root.Combine("functions");
        ExampleWorkspace.CopyTo(workspace);
        var project = _root.Combine("app");
        _root.Write("app/App.csproj", $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
                <Nullable>enable</Nullable>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="LambdaRust.Build" Version="{LocalPackages.Version}" />
              </ItemGroup>
            </Project>
            """);
        _root.Write("app/Program.cs", """
            using Nuke.LambdaRust;
            using Nuke.LambdaRust.Model;
            using Nuke.LambdaRust.Packaging;
            using Nuke.LambdaRust.Tools;

            var binaries = LambdaRustTasks.ZigBuild(s => s
                .SetManifestPath(args[0])
                .SetZigPath(args[1])
                .SetArchitectures(LambdaArchitecture.Arm64));
            var packages = LambdaRustTasks.Package(s => s.SetBinaries(binaries));
            foreach (var package in packages)
                Console.WriteLine($"{package.Name} {package.Architecture.ToLambdaName()} {package.Path} {package.Hashes.Sha256Hex}");
            """);
        LocalPackages.WriteNuGetConfig(project, packages);

        var (exitCode, output, error) = TestTools.Run("dotnet", ["run", "--", Path.Combine(workspace, "Cargo.toml"), TestTools.Zig()],
            LocalPackages.RestoreEnvironment, project);

        Assert.True(exitCode == 0, output + error);
        foreach (var function in new[] { "hello", "goodbye", "echo" })
        {
            var zip = Path.Combine(workspace, "target", "lambda", function, "bootstrap.zip");
            Assert.Contains($"{function} arm64 {zip} ", output);
            var entries = await ZipListing.ReadAsync(zip);
            Assert.Equal("-rwxr-xr-x", entries.Single(e => e.Name == "bootstrap").Mode);
            Assert.Equal("AArch64", (await ReadElf.RunAsync(Path.Combine(workspace, "target", "aarch64-unknown-linux-gnu", "debug", function))).Machine);
        }
    }
}

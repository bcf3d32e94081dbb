using System.Text.RegularExpressions;
using Nuke.LambdaRust.Tests.Support;

namespace Nuke.LambdaRust.Tests.NukeComponent;

/// <summary>
/// Proof by use: a NUKE user's repository outside ours (<c>.nuke/</c>, the example workspace as <c>functions/</c>, a
/// one-class library and its solution) with two NUKE 10.1 builds that reference LambdaRust.Build.Nuke from
/// <c>artifacts/packages</c> by PackageReference: <c>build/</c> (<c>class Build : NukeBuild, ILambdaRust</c>, ours exposed
/// as <c>Compile</c>, a user target on our results, a settings hook) and <c>build-mix/</c> (the same mixed with
/// Nuke.Components' <c>ICompile</c>). Both are compiled once, on first use, so a skipped run compiles nothing.
/// </summary>
public sealed partial class NukeConsumer : IDisposable
{
    private readonly TestDirectory _directory = new("nuke user");
    private readonly Lazy<Task> _compiled;

    public NukeConsumer() => _compiled = new(() => Task.Run(Compile));

    /// <summary>The user's repository root (where <c>.nuke</c> is).</summary>
    public string Root => _directory.Path;

    /// <summary>The example workspace's Cargo.toml, relative to <see cref="Root"/>.</summary>
    public const string ManifestPath = "functions/Cargo.toml";

    /// <summary>The settings hook of <c>build/</c> (the README's) adds this folder of the workspace to every zip.</summary>
    public const string HookInclude = "config/settings.json";

    /// <summary>Where a fake <c>xdg-open</c> writes the file NUKE's <c>--plan</c> asks the desktop to open.</summary>
    public string OpenedFileRecord => _directory["opened.txt"];

    public void Dispose() => _directory.Dispose();

    /// <summary>
    /// Runs <c>dotnet run -- arguments</c> for <paramref name="buildFolder"/> (<c>build</c> or <c>build-mix</c>) at the
    /// root, as <c>./build.sh</c> would; returns the exit code and the output without colours.
    /// </summary>
    public async Task<(int ExitCode, string Output)> RunAsync(string buildFolder, params string[] arguments)
    {
        await _compiled.Value;
        var environment = new Dictionary<string, string?>(LocalPackages.RestoreEnvironment)
        {
            ["NUKE_TELEMETRY_OPTOUT"] = "1",
            // a desktop to open --plan's HTML with cannot exist here: a script stands in and records the file
            ["PATH"] = _directory["desktop"] + Path.PathSeparator + Environment.GetEnvironmentVariable("PATH"),
        };
        var (exitCode, output, error) = TestTools.Run("dotnet",
            ["run", "--no-build", "--project", Path.Combine(Root, buildFolder, "_build.csproj"), "--", .. arguments, "--no-logo"], environment, Root);
        return (exitCode, Colours().Replace(output + error, ""));
    }

    private void Compile()
    {
        var packages = LocalPackages.Folder("LambdaRust.Build", "LambdaRust.Build.Nuke");
        ExampleWorkspace.CopyTo(_directory["functions"]);
        _directory.Write("functions/" + HookInclude, "{\"table\": \"orders\"}\n");
        Directory.CreateDirectory(_directory[".nuke"]);
        LocalPackages.WriteNuGetConfig(Root, packages);
        TestTools.WriteExecutable(_directory["desktop/xdg-open"], $"#!/bin/sh\nprintf '%s\\n' \"$1\" > '{OpenedFileRecord}'\n");
        _directory.Write("lib/Lib.csproj", """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup>
            </Project>
            """);
        _directory.Write("lib/Greeting.cs", "namespace Lib; public static class Greeting { public const string Text = \"hello\"; }\n");
        _directory.Write("Lib.slnx", """<Solution><Project Path="lib/Lib.csproj" /></Solution>""" + "\n");
        WriteBuild("build", NukeBuilds.LambdaOnly(), nukeComponents: false);
        WriteBuild("build-mix", NukeBuilds.WithICompile, nukeComponents: true);

        foreach (var build in new[] { "build", "build-mix" })
        {
            var (exitCode, output, error) = TestTools.Run("dotnet", ["build", Path.Combine(Root, build, "_build.csproj"), "--nologo", "-v", "q"],
                LocalPackages.RestoreEnvironment, Root);
            Assert.True(exitCode == 0, $"dotnet build {build}/_build.csproj failed:{Environment.NewLine}{output}{error}");
        }
    }

    private void WriteBuild(string folder, string buildCs, bool nukeComponents)
    {
        _directory.Write($"{folder}/_build.csproj", $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <RootNamespace></RootNamespace>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <NoWarn>CS0649;CS0169;CA1050;CA1822;CA2211;IDE1006</NoWarn>
                <NukeRootDirectory>..</NukeRootDirectory>
                <NukeScriptDirectory>..</NukeScriptDirectory>
                <NukeTelemetryVersion>1</NukeTelemetryVersion>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Nuke.Common" Version="{NukeBuilds.NukeVersion}" />
                {(nukeComponents ? $"""<PackageReference Include="Nuke.Components" Version="{NukeBuilds.NukeVersion}" />""" : "")}
                <PackageReference Include="LambdaRust.Build.Nuke" Version="{LocalPackages.Version}" />
              </ItemGroup>
            </Project>
            """);
        _directory.Write($"{folder}/Build.cs", buildCs);
    }

    [GeneratedRegex(@"\x1B\[[0-9;]*m")]
    private static partial Regex Colours();
}

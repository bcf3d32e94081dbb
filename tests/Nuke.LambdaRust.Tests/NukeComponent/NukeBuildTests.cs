using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Nuke.LambdaRust.Pipeline;
using Nuke.LambdaRust.Tests.Packaging;
using Nuke.LambdaRust.Tests.Support;

namespace Nuke.LambdaRust.Tests.NukeComponent;

/// <summary>A real NUKE 10.1 build, <c>class Build : NukeBuild, ILambdaRust</c>, referencing our package as a user does.</summary>
[Collection(NukeConsumerCollection.Name)]
public sealed partial class NukeBuildTests(NukeConsumer consumer)
{
    private static readonly string[] Functions = ["hello", "goodbye", "echo"];

    [NukeFact]
    public async Task LambdaPackage_for_arm64_zips_each_function_with_an_aarch64_bootstrap_and_puts_counts_and_size_in_NUKE_s_summary()
    {
        var (exitCode, output) = await RunForArm64Async("LambdaPackage");

        Assert.True(exitCode == 0, output);
        foreach (var function in Functions)
        {
            var zip = ZipOf(consumer.Root, function);
            var entries = await ZipListing.ReadAsync(zip);
            Assert.Equal("-rwxr-xr-x", entries.Single(e => e.Name == "bootstrap").Mode);
            Assert.Contains(entries, e => e.Name == NukeConsumer.HookInclude); // the build's LambdaPackageSettings hook
            Assert.Equal("AArch64", (await ReadElf.RunAsync(Extract(zip, "bootstrap", Path.Combine(consumer.Root, "unzipped", function)))).Machine);
        }

        Assert.Matches(@"(?m)^LambdaPackage\s+Succeeded\s.*// Packages: 3, Size: \d", output);
        Assert.Matches(@"\[INF\] Building echo, goodbye, hello for arm64 ", output); // our ILogger's lines come through NUKE's Serilog log
    }

    [NukeFact]
    public async Task A_user_target_that_depends_on_LambdaPackage_reads_the_packages_of_this_run()
    {
        var (exitCode, output) = await RunForArm64Async("Deploy");

        Assert.True(exitCode == 0, output);
        foreach (var function in Functions)
        {
            var zip = ZipOf(consumer.Root, function);
            var codeSha256 = Convert.ToBase64String(SHA256.HashData(File.ReadAllBytes(zip)));
            Assert.Contains($"[INF] {function} arm64: {zip} ({codeSha256})", output);
        }

        Assert.Matches(@"(?m)^LambdaPackage\s+Succeeded\s[\s\S]*^Deploy\s+Succeeded\s", output);
    }

    [NukeFact]
    public async Task Help_lists_every_parameter_of_our_host_with_its_description()
    {
        var members = await ParameterMembersAsync();
        var (exitCode, output) = await consumer.RunAsync("build", "--help");

        Assert.True(exitCode == 0, output);
        foreach (var definition in LambdaParameters.All)
        {
            var firstWords = string.Join(' ', definition.Description!.Split(' ').Take(3));
            Assert.Matches(@"(?m)^\s+--" + Regex.Escape(DashedName(members[definition.Name].Member)) + @"\s+" + Regex.Escape(firstWords), output);
        }

        foreach (var target in new[] { "LambdaSetup", "LambdaDoctor", "LambdaCompile", "LambdaPackage", "LambdaVerify", "LambdaInvoke", "LambdaRelease", "LambdaMatrix", "LambdaClean", "Compile (default)" })
            Assert.Matches(@"(?m)^\s+" + Regex.Escape(target), output);
    }

    [NukeFact]
    public async Task Every_parameter_of_LambdaParameters_All_is_one_component_member_typed_for_NUKE_with_its_description()
    {
        var members = await ParameterMembersAsync();

        Assert.Equal(LambdaParameters.All.Select(p => p.Name).Order(), members.Keys.Order());
        Assert.All(LambdaParameters.All, definition => Assert.Equal(definition.Description, members[definition.Name].Description));
        string[] paths = [LambdaParameters.ManifestPath, LambdaParameters.ZigPath, LambdaParameters.ToolsDir, LambdaParameters.TargetDir,
            LambdaParameters.LambdaDir, LambdaParameters.DoctorReport, LambdaParameters.Event, LambdaParameters.Output, LambdaParameters.Merge,
            LambdaParameters.SmokeEvent, LambdaParameters.GithubOutput];
        foreach (var definition in LambdaParameters.All)
        {
            var element = definition.Name == LambdaParameters.Arch ? "Nuke.LambdaRust.Components.LambdaArch"
                : paths.Contains(definition.Name) ? "Nuke.Common.IO.AbsolutePath"
                : definition.Type switch
                {
                    ParameterType.Boolean => "System.Nullable`1[[System.Boolean",
                    ParameterType.Integer => "System.Nullable`1[[System.Int32",
                    _ => "System.String",
                };
            var type = members[definition.Name].Type;
            Assert.True(type.StartsWith(element, StringComparison.Ordinal) && type.EndsWith("[]", StringComparison.Ordinal) == definition.IsList,
                $"{definition.Name}: {type}, expected {element}{(definition.IsList ? "[]" : "")}");
        }
    }

    [NukeFact]
    public async Task Plan_orders_our_targets_before_a_user_target_and_the_exposed_Compile()
    {
        File.Delete(consumer.OpenedFileRecord);
        var (exitCode, output) = await consumer.RunAsync("build", "--plan");

        Assert.True(exitCode == 0, output);
        var html = File.ReadAllText(File.ReadAllText(consumer.OpenedFileRecord).Trim());
        Assert.Equal(["LambdaSetup", "LambdaDoctor", "LambdaCompile", "LambdaPackage", "Deploy"], PlanOf(html, "Deploy"));
        Assert.Equal(["LambdaSetup", "LambdaDoctor", "LambdaCompile", "Compile"], PlanOf(html, "Compile"));
        Assert.Equal(["LambdaSetup", "LambdaDoctor", "LambdaCompile", "LambdaPackage", "LambdaVerify"], PlanOf(html, "LambdaVerify"));
    }

    [NukeFact]
    public async Task A_missing_manifest_fails_the_target_with_our_problem_and_fix_and_no_stack_trace()
    {
        var (exitCode, output) = await consumer.RunAsync("build", "LambdaPackage", "--manifest-path", "nowhere/Cargo.toml", "--zig-path", TestTools.Zig());

        Assert.NotEqual(0, exitCode);
        Assert.Contains(Path.Combine(consumer.Root, "nowhere", "Cargo.toml"), output);
        Assert.Contains("Fix: ", output);
        Assert.DoesNotMatch(@"(?m)^\s+at \S+\(", output);
        Assert.Matches(@"(?m)^LambdaSetup\s+Failed\s.*// Problem: No Cargo.toml", output);
        Assert.Matches(@"LambdaPackage\s+NotRun", output);
    }

    private Task<(int ExitCode, string Output)> RunForArm64Async(string target) =>
        consumer.RunAsync("build", target, "--arch", "arm64", "--manifest-path", NukeConsumer.ManifestPath, "--zig-path", TestTools.Zig());

    private static string ZipOf(string root, string function) => Path.Combine(root, "functions", "target", "lambda", function, "bootstrap.zip");

    private async Task<Dictionary<string, (string Member, string Type, string Description)>> ParameterMembersAsync()
    {
        var (exitCode, output) = await consumer.RunAsync("build", "DescribeLambdaParameters");
        Assert.True(exitCode == 0, output);
        var lines = output.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        var descriptions = lines.Where(l => l.StartsWith("DESCRIPTION ", StringComparison.Ordinal)).Select(l => l.Split(' ', 3))
            .ToDictionary(p => p[1], p => p.Length > 2 ? p[2] : "");
        return lines.Where(l => l.StartsWith("PARAMETER ", StringComparison.Ordinal)).Select(l => l.Split(' '))
            .ToDictionary(p => p[1], p => (p[2], p[3], descriptions[p[1]]));
    }

    /// <summary>NUKE's spelling of a member: a dash where a capital follows a small letter, all lower case.</summary>
    private static string DashedName(string member) => CamelHump().Replace(member, "$1-$2").ToLowerInvariant();

    /// <summary>The targets NUKE's plan runs for <paramref name="target"/>, in order: its page highlights them on hover.</summary>
    private static string[] PlanOf(string html, string target)
    {
        var hover = html[html.IndexOf($"$(\"#{target}\").hover(", StringComparison.Ordinal)..];
        var enter = hover[..hover.IndexOf("},", StringComparison.Ordinal)];
        return [.. AddClass().Matches(enter).Select(m => m.Groups[1].Value)];
    }

    private static string Extract(string zip, string entry, string directory)
    {
        Directory.CreateDirectory(directory);
        var file = Path.Combine(directory, entry);
        using var archive = ZipFile.OpenRead(zip);
        archive.GetEntry(entry)!.ExtractToFile(file, overwrite: true);
        return file;
    }

    [GeneratedRegex("([a-z])([A-Z])")]
    private static partial Regex CamelHump();

    [GeneratedRegex(@"\$\(""#(\w+)""\)\.addClass\('highlight'\)")]
    private static partial Regex AddClass();
}

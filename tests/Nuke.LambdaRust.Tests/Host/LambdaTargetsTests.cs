using Nuke.LambdaRust.Host;
using Nuke.LambdaRust.Tests.Support;

namespace Nuke.LambdaRust.Tests.Host;

/// <summary>Our Lambda targets in the host, on a private copy of the example workspace, with real cargo and zig.</summary>
public class LambdaTargetsTests : IDisposable
{
    private readonly TestDirectory _root = new();
    private readonly string _workspace;

    public LambdaTargetsTests()
    {
        _workspace = _root.Combine("functions");
        ExampleWorkspace.CopyTo(_workspace);
        Directory.CreateDirectory(_root.Combine(".nuke"));
        _root.Write(".nuke/parameters.json", """{ "ManifestPath": "functions/Cargo.toml" }""");
    }

    public void Dispose() => _root.Dispose();

    private Task<(int ExitCode, string Output)> RunAsync(params string[] args) => RunAsync(new Dictionary<string, string>(), args);

    private async Task<(int ExitCode, string Output)> RunAsync(Dictionary<string, string> environment, params string[] args)
    {
        var graph = LambdaTargets.AddTo(new TargetGraph());
        var output = new StringWriter();
        // The zig path goes before a bare "--", after which everything is cargo's.
        var separator = Array.IndexOf(args, "--");
        string[] withZig = separator < 0
            ? [.. args, "--zig-path", TestTools.Zig()]
            : [.. args[..separator], "--zig-path", TestTools.Zig(), .. args[separator..]];
        var exitCode = await BuildHost.RunAsync(graph, withZig, new BuildHostOptions
        {
            Output = output,
            RootDirectory = _root.Path,
            WorkingDirectory = _root.Path,
            Environment = environment,
        });
        return (exitCode, output.ToString());
    }

    [Fact]
    public async Task Compile_arm64_builds_every_function_of_the_workspace_named_in_parameters_json()
    {
        var (exitCode, output) = await RunAsync("Compile", "--arch", "arm64");

        Assert.True(exitCode == 0, output);
        foreach (var function in new[] { "hello", "goodbye", "echo" })
            Assert.True(File.Exists(Path.Combine(_workspace, "target", "aarch64-unknown-linux-gnu", "debug", function)), function);
        Assert.Contains("3 binaries (arm64)", output);
    }

    [Fact]
    public async Task Package_for_both_architectures_writes_a_zip_per_function_and_architecture()
    {
        var (exitCode, output) = await RunAsync("Package", "--arch", "arm64", "x86_64", "--function", "hello", "echo");

        Assert.True(exitCode == 0, output);
        foreach (var architecture in new[] { "arm64", "x86_64" })
        {
            foreach (var function in new[] { "hello", "echo" })
                Assert.True(File.Exists(Path.Combine(_workspace, "target", "lambda", architecture, function, "bootstrap.zip")), $"{architecture}/{function}");
            Assert.False(Directory.Exists(Path.Combine(_workspace, "target", "lambda", architecture, "goodbye")));
        }

        Assert.Contains("4 zips", output);
    }

    [Fact]
    public async Task Verify_runs_doctor_before_compile_and_checks_every_package_after_package()
    {
        var (exitCode, output) = await RunAsync("Verify", "--arch", "arm64", "x86_64", "--function", "echo", "--runtime", "provided.al2");

        Assert.True(exitCode == 0, output);
        var doctor = output.IndexOf("Doctor: echo for arm64", StringComparison.Ordinal);
        var building = output.IndexOf("Building echo", StringComparison.Ordinal);
        var verify = output.IndexOf("Verify: ", StringComparison.Ordinal);
        Assert.True(doctor >= 0 && doctor < building && building < verify, output);
        Assert.Contains("0 errors, 0 warnings", output);
        Assert.Contains("2 packages ok", output);
    }

    [Fact]
    public async Task Help_lists_doctor_and_verify_and_their_parameters_and_plan_orders_them_around_compile_and_package()
    {
        var (helpExit, help) = await RunAsync("--help");
        var (planExit, plan) = await RunAsync("Verify", "--plan");

        Assert.Equal((0, 0), (helpExit, planExit));
        Assert.Contains("Doctor", help);
        Assert.Contains("Checks the dependency graph for known traps", help);
        Assert.Contains("Checks every package as Lambda will see it", help);
        foreach (var parameter in new[] { "--allow", "--doctor-format", "--doctor-report" })
            Assert.Contains(parameter, help);
        var order = new[] { "Setup", "Doctor", "Compile", "Package", "Verify" }.Select(t => plan.IndexOf($". {t} ", StringComparison.Ordinal)).ToList();
        Assert.True(order.All(i => i >= 0) && order.SequenceEqual(order.Order()), plan);
    }

    [Fact]
    public async Task Doctor_alone_with_the_json_format_writes_its_report_and_builds_nothing()
    {
        var report = _root.Combine("reports", "doctor.json");

        var (exitCode, output) = await RunAsync("Doctor", "--arch", "arm64", "--doctor-format", "json", "--doctor-report", "reports/doctor.json");

        Assert.True(exitCode == 0, output);
        using var json = System.Text.Json.JsonDocument.Parse(await File.ReadAllTextAsync(report));
        Assert.True(json.RootElement.GetProperty("passed").GetBoolean());
        Assert.Equal(["echo", "goodbye", "hello"], json.RootElement.GetProperty("groups")[0].GetProperty("functions").EnumerateArray().Select(f => f.GetString()).Order());
        Assert.False(Directory.Exists(Path.Combine(_workspace, "target", "aarch64-unknown-linux-gnu")));
    }

    [Fact]
    public async Task An_unknown_rule_for_allow_fails_before_anything_runs_naming_the_flag()
    {
        var (exitCode, output) = await RunAsync("Compile", "--allow", "opensl-sys");

        Assert.Equal(1, exitCode);
        Assert.Contains("Unknown rule 'opensl-sys' (--allow)", output);
        Assert.Contains("openssl-sys", output);
        Assert.False(Directory.Exists(Path.Combine(_workspace, "target")));
    }

    [Fact]
    public async Task Plan_orders_setup_compile_package_and_runs_nothing()
    {
        var (exitCode, output) = await RunAsync("Package", "--plan");

        Assert.Equal(0, exitCode);
        var setup = output.IndexOf("Setup", StringComparison.Ordinal);
        var compile = output.IndexOf("Compile", StringComparison.Ordinal);
        var package = output.IndexOf("Package", compile, StringComparison.Ordinal);
        Assert.True(setup >= 0 && setup < compile && compile < package, output);
        Assert.False(Directory.Exists(Path.Combine(_workspace, "target")));
    }

    [Fact]
    public async Task Unknown_compiler_fails_with_the_allowed_values()
    {
        var (exitCode, output) = await RunAsync("Compile", "--compiler", "zgi");

        Assert.Equal(1, exitCode);
        Assert.Contains("zgi", output);
        Assert.Contains("cargo", output);
        Assert.Contains("cross", output);
    }

    [Fact]
    public async Task Clean_deletes_the_packages_of_earlier_runs()
    {
        Assert.Equal(0, (await RunAsync("Package", "--arch", "x86_64", "--function", "echo")).ExitCode);

        var (exitCode, output) = await RunAsync("Clean");

        Assert.True(exitCode == 0, output);
        Assert.False(Directory.Exists(Path.Combine(_workspace, "target", "lambda", "echo")));
        Assert.False(Directory.Exists(Path.Combine(_workspace, "target", "lambda-rust")));
    }

    [Fact]
    public async Task Clean_deletes_only_the_architecture_folders_never_the_lambda_dir_itself()
    {
        var lambdaDir = _root.Combine("dist");
        Assert.Equal(0, (await RunAsync("Package", "--arch", "x86_64", "--function", "echo", "--lambda-dir", lambdaDir)).ExitCode);
        var ownFile = _root.Write("dist/README.txt", "the user's own file");

        var (exitCode, output) = await RunAsync("Clean", "--lambda-dir", lambdaDir);

        Assert.True(exitCode == 0, output);
        Assert.False(Directory.Exists(Path.Combine(lambdaDir, "echo")));
        Assert.True(File.Exists(ownFile));
    }

    [Fact]
    public async Task A_lambda_dir_under_a_regular_file_fails_before_compiling_naming_the_flag()
    {
        var file = _root.Write("not-a-folder", "a file");

        var (exitCode, output) = await RunAsync("Package", "--arch", "x86_64", "--lambda-dir", Path.Combine(file, "out"));

        Assert.Equal(1, exitCode);
        Assert.Contains("(--lambda-dir) cannot be created", output);
        Assert.Contains($"'{file}' is a file", output);
        Assert.False(Directory.Exists(Path.Combine(_workspace, "target", "x86_64-unknown-linux-gnu")), "nothing was compiled");
    }

    [Fact]
    public async Task A_lambda_dir_inside_proc_fails_before_compiling_naming_the_flag()
    {
        var (exitCode, output) = await RunAsync("Package", "--arch", "x86_64", "--lambda-dir", "/proc/lambda");

        Assert.Equal(1, exitCode);
        Assert.Contains("The lambda directory '/proc/lambda' (--lambda-dir) is not usable", output);
        Assert.DoesNotContain("DirectoryNotFoundException", output);
        Assert.False(Directory.Exists(Path.Combine(_workspace, "target", "x86_64-unknown-linux-gnu")), "nothing was compiled");
    }

    [Theory]
    [InlineData("2.99")]
    [InlineData("2.0")]
    [InlineData("2.16")]
    public async Task A_glibc_zig_cannot_target_is_refused_with_the_range(string glibc)
    {
        var (exitCode, output) = await RunAsync("Compile", "--arch", "x86_64", "--glibc", glibc);

        Assert.Equal(1, exitCode);
        Assert.Contains($"glibc {glibc} (--glibc) cannot be targeted: zig links for glibc 2.17 to 2.38.", output);
        Assert.False(Directory.Exists(Path.Combine(_workspace, "target")), "nothing was compiled");
    }

    [Fact]
    public async Task Bin_is_an_alias_of_function_and_x86_64_a_flag_as_cargo_lambda_spells_them()
    {
        var (exitCode, output) = await RunAsync("Compile", "--bin", "echo", "--x86-64");

        Assert.True(exitCode == 0, output);
        Assert.Contains("1 binaries (x86_64)", output);
    }

    [Fact]
    public async Task Short_p_selects_a_package_and_amd64_means_x86_64()
    {
        var (exitCode, output) = await RunAsync("Compile", "-p", "greeter", "--arch", "amd64");

        Assert.True(exitCode == 0, output);
        Assert.Contains("2 binaries (x86_64)", output);
    }

    [Fact]
    public async Task Everything_after_a_bare_double_dash_reaches_cargo_unchanged()
    {
        var (exitCode, output) = await RunAsync("Compile", "--arch", "aarch64", "--function", "echo", "--", "--verbose");

        Assert.True(exitCode == 0, output);
        Assert.Contains("--bin echo --verbose", output); // the logged cargo command line ends with it
        Assert.Contains("Running `", output); // and cargo acted on it
    }

    [Fact]
    public async Task Clean_leaves_a_users_file_in_an_architecture_folder_and_names_it()
    {
        var lambdaDir = _root.Combine("D");
        Assert.Equal(0, (await RunAsync("Package", "--arch", "arm64", "--function", "echo", "--lambda-dir", lambdaDir, "--layout", "by-arch")).ExitCode);
        var photo = _root.Write("D/arm64/photos/important.txt", "the user's photo notes");

        var (exitCode, output) = await RunAsync("Clean", "--lambda-dir", lambdaDir);

        Assert.True(exitCode == 0, output);
        Assert.True(File.Exists(photo));
        Assert.False(Directory.Exists(Path.Combine(lambdaDir, "arm64", "echo")));
        Assert.Contains($"Left {photo}: this tool did not write it", output);
    }

    [Fact]
    public async Task Package_with_Compile_skipped_fails_with_a_clear_error()
    {
        var (exitCode, output) = await RunAsync("Package", "--skip", "Compile");

        Assert.Equal(1, exitCode);
        Assert.Contains("Compile did not run", output);
        Assert.DoesNotContain("KeyNotFoundException", output);
    }

    [Fact]
    public async Task A_member_manifest_builds_only_that_package()
    {
        var (exitCode, output) = await RunAsync("Compile", "--arch", "x86_64", "--manifest-path", "functions/functions/echo/Cargo.toml");

        Assert.True(exitCode == 0, output);
        Assert.Contains("1 binaries (x86_64)", output);
        Assert.False(File.Exists(Path.Combine(_workspace, "target", "x86_64-unknown-linux-gnu", "debug", "hello")));
    }

    [Fact]
    public async Task Package_parameter_builds_only_that_packages_functions()
    {
        var (exitCode, output) = await RunAsync("Compile", "--arch", "x86_64", "--package", "greeter");

        Assert.True(exitCode == 0, output);
        Assert.Contains("2 binaries (x86_64)", output);
        Assert.False(File.Exists(Path.Combine(_workspace, "target", "x86_64-unknown-linux-gnu", "debug", "echo")));
    }

    [Fact]
    public async Task The_INCLUDE_variable_of_msvc_shells_is_not_read_as_the_include_parameter()
    {
        var environment = new Dictionary<string, string> { ["INCLUDE"] = @"C:\Program Files\Microsoft Visual Studio\include" };

        var (exitCode, output) = await RunAsync(environment, "Package", "--arch", "x86_64", "--function", "echo");

        Assert.True(exitCode == 0, output);
    }

    [Fact]
    public async Task A_user_target_can_depend_on_Package_and_read_its_zips()
    {
        var graph = LambdaTargets.AddTo(new TargetGraph());
        var seen = new List<string>();
        graph.Add("Deploy", t => t.DependsOn(LambdaTargets.Package).Executes(context =>
            seen.AddRange(LambdaTargets.Pipeline(context).Packaged!.Packages.Select(p => p.Name))));

        var exitCode = await BuildHost.RunAsync(graph, ["Deploy", "--arch", "x86_64", "--function", "echo", "--zig-path", TestTools.Zig()],
            new BuildHostOptions { Output = new StringWriter(), RootDirectory = _root.Path, Environment = new Dictionary<string, string>() });

        Assert.Equal(0, exitCode);
        Assert.Equal(["echo"], seen);
    }
}

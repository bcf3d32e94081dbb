using System.Text.RegularExpressions;
using Nuke.LambdaRust.Tests.Support;

namespace Nuke.LambdaRust.Tests.Cake;

/// <summary>RegisterLambdaRustTasks() adds our target graph to a script as Cake tasks, reading Cake's arguments.</summary>
[Collection(nameof(CakeCollection))]
public sealed partial class CakeTaskTests(CakeRunner cake) : IDisposable
{
    private readonly CakeWorkspace _workspace = new();

    public void Dispose() => _workspace.Dispose();

    /// <summary>The shortest script: our tasks, and Cake's runner on the target the arguments name (Package by default).</summary>
    private string TasksScript => $$"""
        {{cake.ReferenceDirective}}

        RegisterLambdaRustTasks();
        RunTarget(Argument("target", "Package"));
        """;

    /// <summary>A user task after Clean (quick: nothing to delete) prints the settings our tasks read from the arguments.</summary>
    private string ShowSettingsScript => $$"""
        {{cake.ReferenceDirective}}

        RegisterLambdaRustTasks();
        Task("Show").IsDependentOn("Clean").Does(() =>
        {
            var settings = LambdaRustPipeline().Settings;
            Information("arch=[{0}] release={1} functions=[{2}]",
                string.Join(",", settings.Architectures.Select(a => a.ToLambdaName())), settings.Release?.ToString() ?? "unset", string.Join(",", settings.Functions));
        });
        RunTarget("Show");
        """;

    public static TheoryData<string[], string> Spellings() => new()
    {
        { ["--arch=arm64"], "arch=[arm64] release=unset functions=[]" },
        { ["--arch", "arm64"], "arch=[arm64] release=unset functions=[]" },
        { ["--arch=arm64,x86_64"], "arch=[arm64,x86_64] release=unset functions=[]" },
        { ["--arch=arm64", "--arch=x86_64"], "arch=[arm64,x86_64] release=unset functions=[]" },
        { ["--release", "--function=hello,echo"], "arch=[] release=True functions=[hello,echo]" },
    };

    [Theory]
    [MemberData(nameof(Spellings))]
    public void Parameters_are_read_from_Cake_arguments_as_Cake_users_write_them(string[] arguments, string expected)
    {
        var run = cake.Run(_workspace.Root, ShowSettingsScript, arguments);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains(expected, run.Output);
    }

    [Fact]
    public void An_invalid_argument_value_fails_naming_the_argument_and_the_values_it_takes()
    {
        var run = cake.Run(_workspace.Root, ShowSettingsScript, ["--arch=sparc"]);

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("Invalid value 'sparc' for --arch.", run.Output);
        Assert.Contains("Fix: Use one of: arm64, x86_64", run.Output);
        AssertNoStackTrace(run);
    }

    [Fact]
    public void Our_log_follows_Cakes_verbosity()
    {
        var normal = cake.Run(_workspace.Root, ShowSettingsScript, []);
        var quiet = cake.Run(_workspace.Root, ShowSettingsScript, ["--verbosity=quiet"]);

        Assert.True(normal.ExitCode == 0, normal.ToString());
        Assert.True(quiet.ExitCode == 0, quiet.ToString());
        Assert.Contains("> cargo metadata", normal.Output);
        Assert.DoesNotContain("cargo metadata", quiet.Output);
    }

    [Fact]
    public void An_unknown_function_fails_the_Setup_task_with_the_real_functions_and_the_fix_and_no_stack_trace()
    {
        var run = cake.Run(_workspace.Root, TasksScript, ["--function=nope", $"--zig-path={TestTools.Zig()}"]);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("An error occurred when executing task 'Setup'.", run.Output);
        Assert.Contains($"No function 'nope' in the workspace '{_workspace.Manifest}'. Functions: echo, goodbye, hello.", run.Output);
        Assert.Contains("Fix: Pass one of the functions listed", run.Output);
        Assert.DoesNotContain("Compiling", run.Output);
        AssertNoStackTrace(run);
    }

    [Fact]
    public void A_failing_cargo_fails_the_Compile_task_with_cargos_errors()
    {
        var hello = Path.Combine(_workspace.Root, "functions", "greeter", "src", "bin", "hello.rs");
        File.AppendAllText(hello, "\nfn broken() -> u32 { not_a_value }\n");
        var run = cake.Run(_workspace.Root, TasksScript, ["--target=Compile", "--function=hello", "--arch=arm64", $"--zig-path={TestTools.Zig()}"]);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("An error occurred when executing task 'Compile'.", run.Output);
        Assert.Contains("cannot find value `not_a_value` in this scope", run.Output);
        Assert.Contains("Process 'cargo' exited with code 101.", run.Output);
        AssertNoStackTrace(run);
    }

    [Fact]
    public void The_tasks_Cake_will_run_are_known_before_compiling_so_Invoke_with_several_functions_fails_in_Setup()
    {
        var run = cake.Run(_workspace.Root, TasksScript, ["--target=Invoke", "--arch=arm64", $"--zig-path={TestTools.Zig()}"]);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("An error occurred when executing task 'Setup'.", run.Output);
        Assert.Contains("Invoke runs one function, but 3 are selected: echo, goodbye, hello.", run.Output);
        Assert.DoesNotContain("Compiling", run.Output);
    }

    [Fact]
    public void Matrix_prints_the_GitHub_Actions_jobs_of_every_function_for_the_architectures_asked_for()
    {
        var run = cake.Run(_workspace.Root, TasksScript, ["--target=Matrix", "--arch=arm64,x86_64"]);

        Assert.True(run.ExitCode == 0, run.ToString());
        foreach (var function in new[] { "echo", "goodbye", "hello" })
        {
            foreach (var architecture in new[] { "arm64", "x86_64" })
                Assert.Matches($"\"function\":\"{function}\",\"package\":\"[a-z-]+\",\"arch\":\"{architecture}\"", run.Output);
        }

        Assert.DoesNotContain("Compiling", run.Output);
    }

    [Fact]
    public void A_script_task_named_like_one_of_ours_is_refused_naming_it()
    {
        var script = $$"""
            {{cake.ReferenceDirective}}

            Task("Clean").Does(() => Information("the script's own Clean"));
            RegisterLambdaRustTasks();
            RunTarget("Clean");
            """;

        var run = cake.Run(_workspace.Root, script, []);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("The script already has a task named 'Clean', which RegisterLambdaRustTasks() adds.", run.Output);
        Assert.DoesNotContain("the script's own Clean", run.Output);
        AssertNoStackTrace(run);
    }

    private static void AssertNoStackTrace(CakeRun run)
    {
        Assert.DoesNotMatch(StackFrame(), run.Output);
        Assert.DoesNotContain("Exception", run.Output);
    }

    [GeneratedRegex(@"(?m)^\s+at \S+\(")]
    private static partial Regex StackFrame();
}

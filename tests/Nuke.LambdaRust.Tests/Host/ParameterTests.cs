using Nuke.LambdaRust.Model;
using Nuke.LambdaRust.Host;
using Nuke.LambdaRust.Pipeline;

namespace Nuke.LambdaRust.Tests.Host;

public sealed class ParameterTests
{
    private static readonly ParameterDefinition Arch = new("Arch", "Architectures to build")
    {
        IsList = true,
        AllowedValues = ["arm64", "x86_64"],
        Default = new[] { "arm64" },
    };

    private static readonly ParameterDefinition ManifestPath = new("ManifestPath") { Default = "Cargo.toml" };

    private static readonly ParameterDefinition Release = new("Release") { Type = ParameterType.Boolean };

    private static readonly ParameterDefinition Jobs = new("Jobs") { Type = ParameterType.Integer };

    /// <summary>A build with the parameters above and one target, Show, that reads them.</summary>
    private static (BuildRun Run, TargetContext[] Seen) Build()
    {
        var run = new BuildRun();
        foreach (var parameter in new[] { Arch, ManifestPath, Release, Jobs })
            run.Graph.AddParameter(parameter);
        var seen = new TargetContext[1];
        run.Target("Show", t => t.Executes(ctx => seen[0] = ctx));
        return (run, seen);
    }

    [Theory]
    [InlineData("ManifestPath", "--manifest-path")]
    [InlineData("Arch", "--arch")]
    [InlineData("S3Bucket", "--s3-bucket")]
    [InlineData("HTTPPort", "--http-port")]
    public void Command_line_name_is_the_kebab_case_of_the_PascalCase_name(string name, string expected) =>
        Assert.Equal(expected, new ParameterDefinition(name).CommandLineName);

    [Fact]
    public async Task List_parameter_takes_space_separated_values()
    {
        var (run, seen) = Build();
        using var _ = run;

        var exitCode = await run.RunAsync("Show", "--arch", "arm64", "x86_64", "--release");

        Assert.Equal(BuildHost.Success, exitCode);
        Assert.Equal(["arm64", "x86_64"], seen[0].GetList<string>("Arch"));
        Assert.Equal([LambdaArchitecture.Arm64, LambdaArchitecture.X86_64], seen[0].GetList<LambdaArchitecture>("Arch"));
    }

    [Fact]
    public async Task Bare_boolean_flag_means_true()
    {
        var (run, seen) = Build();
        using var _ = run;

        await run.RunAsync("Show", "--release");

        Assert.True(seen[0].Get<bool>("Release"));
        Assert.True(seen[0].IsSet("Release"));
    }

    [Fact]
    public async Task Boolean_flag_followed_by_false_is_false()
    {
        var (run, seen) = Build();
        using var _ = run;
        run.Environment["RELEASE"] = "true";

        await run.RunAsync("Show", "--release", "false");

        Assert.False(seen[0].Get<bool>("Release"));
        Assert.True(seen[0].IsSet("Release"));
    }

    [Fact]
    public async Task Equals_form_gives_a_single_value()
    {
        var (run, seen) = Build();
        using var _ = run;

        await run.RunAsync("Show", "--manifest-path=fns/a b/Cargo.toml", "--jobs=8");

        Assert.Equal("fns/a b/Cargo.toml", seen[0].Get<string>("ManifestPath"));
        Assert.Equal(8, seen[0].Get<int>("Jobs"));
    }

    [Fact]
    public async Task Equals_form_followed_by_more_values_is_an_error_that_shows_the_list_form()
    {
        var (run, _) = Build();
        using var __ = run;

        var exitCode = await run.RunAsync("Show", "--arch=arm64", "x86_64");

        Assert.Equal(BuildHost.Failure, exitCode);
        Assert.Contains("Unexpected argument 'x86_64' after '--arch=arm64'.", run.Output);
        Assert.Contains("--arch arm64 x86_64", run.Output);
        Assert.Empty(run.Ran);
    }

    [Fact]
    public async Task Choice_values_match_case_insensitively_and_read_back_in_their_own_spelling()
    {
        var (run, seen) = Build();
        using var _ = run;

        await run.RunAsync("Show", "--arch", "X86_64");

        Assert.Equal(["x86_64"], seen[0].GetList<string>("Arch"));
    }

    [Fact]
    public async Task Command_line_beats_environment_variable()
    {
        var (run, seen) = Build();
        using var _ = run;
        run.Environment["MANIFEST_PATH"] = "from-env/Cargo.toml";

        await run.RunAsync("Show", "--manifest-path", "from-cli/Cargo.toml");

        Assert.Equal("from-cli/Cargo.toml", seen[0].Get<string>("ManifestPath"));
    }

    [Fact]
    public async Task Environment_variable_beats_parameters_json()
    {
        var (run, seen) = Build();
        using var _ = run;
        run.Environment["ARCH"] = "x86_64 arm64";
        run.WriteParametersJson("""{ "$schema": "./build.schema.json", "Arch": ["arm64"] }""");

        await run.RunAsync("Show");

        Assert.Equal(["x86_64", "arm64"], seen[0].GetList<string>("Arch"));
    }

    [Fact]
    public async Task Parameters_json_beats_the_default()
    {
        var (run, seen) = Build();
        using var _ = run;
        run.WriteParametersJson("""
            {
              // comments are allowed, as NUKE writes them
              "ManifestPath": "from-json/Cargo.toml",
              "Release": true,
              "Jobs": 3,
              "Arch": "x86_64",
            }
            """);

        await run.RunAsync("Show");

        Assert.Equal("from-json/Cargo.toml", seen[0].Get<string>("ManifestPath"));
        Assert.True(seen[0].Get<bool>("Release"));
        Assert.Equal(3, seen[0].Get<int>("Jobs"));
        Assert.Equal(["x86_64"], seen[0].GetList<string>("Arch"));
    }

    [Fact]
    public async Task Default_applies_when_no_source_sets_the_parameter()
    {
        var (run, seen) = Build();
        using var _ = run;

        await run.RunAsync("Show");

        Assert.Equal("Cargo.toml", seen[0].Get<string>("ManifestPath"));
        Assert.False(seen[0].IsSet("ManifestPath"));
        Assert.Equal(["arm64"], seen[0].GetList<string>("Arch"));
        Assert.False(seen[0].Get<bool>("Release"));
        Assert.Null(seen[0].Get<int?>("Jobs"));
    }

    [Fact]
    public async Task Environment_variable_with_the_exact_name_beats_other_spellings()
    {
        var (run, seen) = Build();
        using var _ = run;
        run.Environment["ManifestPath"] = "exact/Cargo.toml";
        run.Environment["MANIFEST_PATH"] = "snake/Cargo.toml";
        run.Environment["NUKE_MANIFEST_PATH"] = "prefixed/Cargo.toml";

        await run.RunAsync("Show");

        Assert.Equal("exact/Cargo.toml", seen[0].Get<string>("ManifestPath"));
    }

    [Fact]
    public async Task Environment_variable_matches_by_letters_and_digits_ignoring_case()
    {
        var (run, seen) = Build();
        using var _ = run;
        run.Environment["MANIFEST_PATH"] = "snake/Cargo.toml";
        run.Environment["NUKE_MANIFEST_PATH"] = "prefixed/Cargo.toml";

        await run.RunAsync("Show");

        Assert.Equal("snake/Cargo.toml", seen[0].Get<string>("ManifestPath"));
    }

    [Fact]
    public async Task Environment_variable_with_NUKE_prefix_is_read()
    {
        var (run, seen) = Build();
        using var _ = run;
        run.Environment["NUKE_JOBS"] = "12";

        await run.RunAsync("Show");

        Assert.Equal(12, seen[0].Get<int>("Jobs"));
        Assert.True(seen[0].IsSet("Jobs"));
    }

    [Fact]
    public async Task Unknown_parameter_fails_and_suggests_the_closest_name()
    {
        var (run, _) = Build();
        using var __ = run;

        var exitCode = await run.RunAsync("Show", "--achr", "arm64");

        Assert.Equal(BuildHost.Failure, exitCode);
        Assert.Contains("Unknown parameter '--achr'. Did you mean '--arch'?", run.Output);
        Assert.Empty(run.Ran);
    }

    [Fact]
    public async Task Invalid_choice_on_the_command_line_lists_the_allowed_values()
    {
        var (run, _) = Build();
        using var __ = run;

        var exitCode = await run.RunAsync("Show", "--arch", "arm");

        Assert.Equal(BuildHost.Failure, exitCode);
        Assert.Contains("[ERR] Invalid value 'arm' for parameter Arch (from --arch). Allowed values: arm64, x86_64.", run.Output);
        Assert.Contains("Fix: Use one of: arm64, x86_64.", run.Output);
        Assert.Empty(run.Ran);
    }

    [Fact]
    public async Task Invalid_value_in_an_environment_variable_names_the_variable()
    {
        var (run, _) = Build();
        using var __ = run;
        run.Environment["NUKE_JOBS"] = "many";

        var exitCode = await run.RunAsync("Show");

        Assert.Equal(BuildHost.Failure, exitCode);
        Assert.Contains("Invalid value 'many' for parameter Jobs (from environment variable NUKE_JOBS).", run.Output);
        Assert.Empty(run.Ran);
    }

    [Fact]
    public async Task Unknown_key_in_parameters_json_names_the_file_and_suggests_the_parameter()
    {
        var (run, _) = Build();
        using var __ = run;
        run.WriteParametersJson("""{ "Archs": ["arm64"] }""");

        var exitCode = await run.RunAsync("Show");

        Assert.Equal(BuildHost.Failure, exitCode);
        Assert.Contains($"{Path.Combine(run.Root, ".nuke", "parameters.json")} sets 'Archs', which is not a parameter of this build. Did you mean 'Arch'?", run.Output);
        Assert.Empty(run.Ran);
    }

    [Fact]
    public async Task Invalid_json_in_parameters_json_names_the_file_and_line()
    {
        var (run, _) = Build();
        using var __ = run;
        run.WriteParametersJson("{\n  \"Arch\": [\"arm64\"\n}");

        var exitCode = await run.RunAsync("Show");

        Assert.Equal(BuildHost.Failure, exitCode);
        Assert.Contains($"{Path.Combine(run.Root, ".nuke", "parameters.json")} is not valid JSON (line 3,", run.Output);
        Assert.Empty(run.Ran);
    }

    [Fact]
    public async Task A_parameters_json_that_is_a_folder_is_an_error_not_ignored()
    {
        var (run, _) = Build();
        using var __ = run;
        Directory.CreateDirectory(Path.Combine(run.Root, ".nuke", "parameters.json"));

        var exitCode = await run.RunAsync("Show");

        Assert.Equal(BuildHost.Failure, exitCode);
        Assert.Contains($"{Path.Combine(run.Root, ".nuke", "parameters.json")} is a folder, not a parameters file.", run.Output);
        Assert.Empty(run.Ran);
    }

    [Theory]
    [InlineData("yes")]
    [InlineData("1")]
    [InlineData("on")]
    public async Task A_boolean_in_parameters_json_is_as_strict_as_on_the_command_line(string word)
    {
        var (run, _) = Build();
        using var __ = run;
        run.WriteParametersJson($$"""{ "Release": "{{word}}" }""");

        var fromFile = await run.RunAsync("Show");
        var fileOutput = run.Output;
        File.Delete(Path.Combine(run.Root, ".nuke", "parameters.json"));
        var fromCommandLine = await run.RunAsync("Show", "--release", word);

        Assert.Equal(BuildHost.Failure, fromFile);
        Assert.Contains($"Invalid value '{word}' for parameter Release", fileOutput);
        Assert.Equal(BuildHost.Failure, fromCommandLine);
        Assert.Contains($"Invalid value '{word}' for parameter Release (from --release).", run.Output);
    }

    [Fact]
    public async Task Single_value_parameter_given_two_values_is_an_error()
    {
        var (run, _) = Build();
        using var __ = run;

        var exitCode = await run.RunAsync("Show", "--manifest-path", "a/Cargo.toml", "b/Cargo.toml");

        Assert.Equal(BuildHost.Failure, exitCode);
        Assert.Contains("--manifest-path takes a single value but got 'a/Cargo.toml' 'b/Cargo.toml'.", run.Output);
    }

    [Fact]
    public async Task Secret_value_is_not_shown_in_verbose_output()
    {
        using var run = new BuildRun();
        run.Graph.AddParameter(new ParameterDefinition("ApiToken") { IsSecret = true });
        run.Target("Show");
        run.Environment["API_TOKEN"] = "tok-123456";

        var exitCode = await run.RunAsync("Show", "--verbosity", "verbose");

        Assert.Equal(BuildHost.Success, exitCode);
        Assert.Contains("[DBG] Parameter ApiToken = (secret) (environment variable API_TOKEN)", run.Output);
        Assert.DoesNotContain("tok-123456", run.Output);
    }

    [Fact]
    public void Parameter_whose_default_does_not_match_its_type_is_rejected_where_it_is_added()
    {
        var graph = new TargetGraph();

        var error = Assert.Throws<LambdaRustException>(() =>
            graph.AddParameter(new ParameterDefinition("Jobs") { Type = ParameterType.Integer, Default = "four" }));

        Assert.Contains("The Default of parameter Jobs is a String, but the parameter takes a whole number.", error.Message);
    }

    [Fact]
    public void Parameter_named_like_a_host_option_is_rejected()
    {
        var error = Assert.Throws<LambdaRustException>(() => new TargetGraph().AddParameter(new ParameterDefinition("Target")));

        Assert.Contains("Parameter 'Target' would be --target, which is an option of the build host.", error.Message);
    }
}

using Nuke.LambdaRust.Checks;
using Nuke.LambdaRust.Model;

namespace Nuke.LambdaRust.Pipeline;

public sealed partial record PipelineSettings
{
    /// <summary>
    /// Settings from an engine's parameter values (named as in <see cref="LambdaParameters"/>). Every value is checked
    /// here, so a bad one fails before anything runs, with an error naming the parameter as the user spelled it.
    /// </summary>
    /// <param name="parameters">The engine's values.</param>
    /// <param name="rootDirectory">The build's root.</param>
    /// <exception cref="LambdaRustException">A value is not valid for its parameter.</exception>
    public static PipelineSettings FromParameters(IParameterReader parameters, string rootDirectory)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        string Flag(string name) => parameters.Spelling(name);
        if (Boolean(parameters, LambdaParameters.Internal) && !Boolean(parameters, LambdaParameters.Extension))
        {
            throw new LambdaRustException(
                $"{Flag(LambdaParameters.Internal)} is given without {Flag(LambdaParameters.Extension)}; an internal extension is an extension.",
                $"Add {Flag(LambdaParameters.Extension)}, or drop {Flag(LambdaParameters.Internal)}.");
        }

        var settings = new PipelineSettings
        {
            RootDirectory = Path.GetFullPath(rootDirectory),
            ManifestPath = parameters.Get(LambdaParameters.ManifestPath),
            Architectures = parameters.GetList(LambdaParameters.Arch)
                .Select(value => LambdaArchitectures.TryParse(value, out var architecture)
                    ? architecture
                    : throw new LambdaRustException($"Unknown architecture '{value}' ({Flag(LambdaParameters.Arch)}).", "Use arm64 (Graviton) or x86_64."))
                .Concat(Boolean(parameters, LambdaParameters.Arm64) ? [LambdaArchitecture.Arm64] : [])
                .Concat(Boolean(parameters, LambdaParameters.X86_64) ? [LambdaArchitecture.X86_64] : [])
                .Distinct()
                .ToArray(),
            Functions = parameters.GetList(LambdaParameters.Function),
            Packages = parameters.GetList(LambdaParameters.Package),
            Compiler = parameters.Get(LambdaParameters.Compiler) is { } compiler ? LambdaCompilers.Parse(compiler, Flag(LambdaParameters.Compiler)) : null,
            Release = parameters.IsSet(LambdaParameters.Release) ? Boolean(parameters, LambdaParameters.Release) : null,
            Profile = parameters.Get(LambdaParameters.Profile),
            // Only an explicit runtime beats a glibc the project's config names in its target; al2023 is the fallback.
            Runtime = parameters.IsSet(LambdaParameters.Runtime) && parameters.Get(LambdaParameters.Runtime) is { } runtime
                ? LambdaRuntime.Parse(runtime)
                : null,
            Glibc = parameters.Get(LambdaParameters.Glibc) is { } glibc ? GlibcVersions.Parse(glibc, Flag(LambdaParameters.Glibc)) : null,
            Features = parameters.GetList(LambdaParameters.Features),
            LambdaDirectory = parameters.Get(LambdaParameters.LambdaDir),
            OutputFormat = parameters.Get(LambdaParameters.OutputFormat) is { } format
                ? Enum.TryParse<OutputFormat>(format, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed)
                    ? parsed
                    : throw new LambdaRustException($"Unknown output format '{format}' ({Flag(LambdaParameters.OutputFormat)}).", "Use zip or binary.")
                : null,
            Includes = parameters.GetList(LambdaParameters.Include),
            DisableOptimizations = Boolean(parameters, LambdaParameters.DisableOptimizations),
            ZigPath = parameters.Get(LambdaParameters.ZigPath),
            Context = parameters.Get(LambdaParameters.Context),
            AllFeatures = Boolean(parameters, LambdaParameters.AllFeatures),
            NoDefaultFeatures = Boolean(parameters, LambdaParameters.NoDefaultFeatures),
            Locked = Boolean(parameters, LambdaParameters.Locked),
            Frozen = Boolean(parameters, LambdaParameters.Frozen),
            Offline = Boolean(parameters, LambdaParameters.Offline),
            Jobs = parameters.Get(LambdaParameters.Jobs) is { } jobs
                ? int.TryParse(jobs, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var count) && count > 0
                    ? count
                    : throw new LambdaRustException($"Invalid value '{jobs}' for {Flag(LambdaParameters.Jobs)}.", "Give a whole number of parallel jobs above 0, e.g. 4.")
                : null,
            TargetDirectory = parameters.Get(LambdaParameters.TargetDir),
            IncludeMerge = Boolean(parameters, LambdaParameters.IncludeMerge),
            Layout = parameters.Get(LambdaParameters.Layout)?.Trim().ToLowerInvariant() switch
            {
                null => null,
                "cargo-lambda" or "cargolambda" => OutputLayout.CargoLambda,
                "by-arch" or "byarch" or "by-architecture" => OutputLayout.ByArchitecture,
                var other => throw new LambdaRustException($"Unknown layout '{other}' ({Flag(LambdaParameters.Layout)}).", "Use cargo-lambda or by-arch."),
            },
            Flatten = parameters.Get(LambdaParameters.Flatten),
            Extension = parameters.IsSet(LambdaParameters.Extension) ? Boolean(parameters, LambdaParameters.Extension) : null,
            Internal = parameters.IsSet(LambdaParameters.Internal) ? Boolean(parameters, LambdaParameters.Internal) : null,
            ToolsDirectory = parameters.Get(LambdaParameters.ToolsDir),
            AllowedRules = CheckRules.ParseAllowed(parameters.GetList(LambdaParameters.Allow), Flag(LambdaParameters.Allow)).ToArray(),
            DoctorJson = DoctorJsonFrom(parameters),
            DoctorReportPath = parameters.Get(LambdaParameters.DoctorReport),
        };
        return settings.WithInvokeParameters(parameters).WithReleaseParameters(parameters);
    }

    private static bool Boolean(IParameterReader parameters, string name) => parameters.Get(name)?.Trim().ToLowerInvariant() switch
    {
        null or "" or "false" => false,
        "true" => true,
        var text => throw new LambdaRustException($"Invalid value '{text}' for {parameters.Spelling(name)}.", "Use true or false."),
    };
}

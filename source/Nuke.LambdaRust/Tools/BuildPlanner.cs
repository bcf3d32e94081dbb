using Nuke.LambdaRust.Cargo;
using Nuke.LambdaRust.Model;

namespace Nuke.LambdaRust.Tools;

/// <summary>
/// Turns settings (code/CLI, highest precedence) and each function's cargo-lambda config into build groups.
/// </summary>
internal static class BuildPlanner
{
    public static IReadOnlyList<BuildGroup> Plan(
        LambdaBuildSettings settings,
        IReadOnlyList<(LambdaFunction Function, LambdaBuildConfig Config)> functions,
        string? workspaceRoot = null)
    {
        var entries = new List<(string Key, BuildGroup Group)>();
        foreach (var (function, config) in functions)
        {
            var configTarget = config.Target is null ? null : RustTarget.Parse(config.Target);
            var profile = ResolveProfile(settings, config);
            var features = settings.Features.Count > 0 ? settings.Features : config.Features ?? [];
            var environment = new SortedDictionary<string, string>(StringComparer.Ordinal);
            foreach (var (name, value) in config.Env ?? new Dictionary<string, string>())
                environment[name] = value;
            foreach (var (name, value) in settings.EnvironmentVariables)
                environment[name] = value;
            var options = CargoOptions.Of(settings, config, workspaceRoot ?? Directory.GetCurrentDirectory());

            foreach (var architecture in ResolveArchitectures(settings, config, configTarget))
            {
                var abi = configTarget?.Architecture == architecture ? configTarget.Abi : TargetAbi.Gnu;
                // Explicit glibc, explicit runtime, the config target's glibc suffix, then the default runtime's.
                var glibc = settings.Glibc ?? settings.Runtime?.Glibc
                    ?? (configTarget?.Architecture == architecture ? configTarget.Glibc : null)
                    ?? LambdaRuntime.ProvidedAl2023.Glibc;
                var target = new RustTarget(architecture, abi, abi == TargetAbi.Gnu ? glibc : null);
                var key = string.Join('|', architecture, target.TripleWithGlibc, profile, string.Join(',', features),
                    string.Join(',', environment.Select(e => e.Key + "=" + e.Value)), options.Key);
                var existing = entries.FindIndex(e => e.Key == key);
                if (existing >= 0)
                {
                    var group = entries[existing].Group;
                    entries[existing] = (key, group with { Functions = [.. group.Functions, (function, config)] });
                }
                else
                {
                    entries.Add((key, new BuildGroup(architecture, target, profile, features, environment, [(function, config)]) { Options = options }));
                }
            }
        }

        return entries.Select(e => e.Group).ToList();
    }

    /// <summary>Code profile, then code release flag, then config profile, then config release flag; dev otherwise.</summary>
    internal static string ResolveProfile(LambdaBuildSettings settings, LambdaBuildConfig config)
    {
        if (!string.IsNullOrWhiteSpace(settings.Profile))
            return settings.Profile;
        if (settings.Release is { } release)
            return release ? "release" : "dev";
        if (!string.IsNullOrWhiteSpace(config.Profile))
            return config.Profile;
        return config.Release == true ? "release" : "dev";
    }

    internal static IReadOnlyList<LambdaArchitecture> ResolveArchitectures(LambdaBuildSettings settings, LambdaBuildConfig config, RustTarget? configTarget)
    {
        if (settings.Architectures.Count > 0)
            return settings.Architectures;

        var fromConfig = new List<LambdaArchitecture>();
        if (config.Arm64 == true)
            fromConfig.Add(LambdaArchitecture.Arm64);
        if (config.X86_64 == true)
            fromConfig.Add(LambdaArchitecture.X86_64);
        if (configTarget is not null)
            fromConfig.Add(configTarget.Architecture);
        if (fromConfig.Count > 0)
            return fromConfig.Distinct().ToList();

        // Like cargo-lambda: the host's architecture on a Linux host Lambda could be, x86_64 otherwise.
        return [OperatingSystem.IsLinux() ? LambdaArchitectures.Host ?? LambdaArchitecture.X86_64 : LambdaArchitecture.X86_64];
    }
}

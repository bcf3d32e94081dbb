using Microsoft.Extensions.Logging;
using Nuke.LambdaRust.Model;
using Nuke.LambdaRust.Tools;

namespace Nuke.LambdaRust.Packaging;

/// <summary>Fluent setters of <see cref="PackageSettings"/>.</summary>
public static class PackageSettingsExtensions
{
    /// <summary>Packages these binaries.</summary>
    public static PackageSettings SetBinaries(this PackageSettings s, IEnumerable<LambdaBinary> binaries) => s with { Binaries = binaries.ToArray() };

    /// <summary>Adds binaries to package.</summary>
    public static PackageSettings AddBinaries(this PackageSettings s, IEnumerable<LambdaBinary> binaries) => s with { Binaries = [.. s.Binaries, .. binaries] };

    /// <summary>Writes zips or bare binaries.</summary>
    public static PackageSettings SetOutputFormat(this PackageSettings s, OutputFormat? format) => s with { OutputFormat = format };

    /// <summary>Writes under this folder.</summary>
    public static PackageSettings SetLambdaDirectory(this PackageSettings s, string? directory) => s with { LambdaDirectory = directory };

    /// <summary>Adds files or folders (<c>SRC</c> or <c>DEST:SRC</c>) to every zip.</summary>
    public static PackageSettings AddIncludes(this PackageSettings s, params string[] includes) => s with { Includes = [.. s.Includes, .. includes] };

    /// <summary>Adds nothing beyond the config's includes.</summary>
    public static PackageSettings ClearIncludes(this PackageSettings s) => s with { Includes = [] };

    /// <summary>Adds <see cref="PackageSettings.Includes"/> to the config's includes instead of replacing them (cargo-lambda's <c>--admerge</c>).</summary>
    public static PackageSettings EnableMergeIncludes(this PackageSettings s) => s with { MergeIncludes = true };

    /// <summary>Lets <see cref="PackageSettings.Includes"/> replace the config's includes, as cargo-lambda does (the default).</summary>
    public static PackageSettings DisableMergeIncludes(this PackageSettings s) => s with { MergeIncludes = false };

    /// <summary>Chooses the layout (null: cargo-lambda's for one architecture, by architecture for several).</summary>
    public static PackageSettings SetLayout(this PackageSettings s, OutputLayout? layout) => s with { Layout = layout };

    /// <summary>Puts this function's bootstrap directly into the lambda directory (cargo-lambda's <c>--flatten</c>).</summary>
    public static PackageSettings SetFlatten(this PackageSettings s, string? function) => s with { Flatten = function };

    /// <summary>Packages the binaries as Lambda extensions.</summary>
    public static PackageSettings EnableExtension(this PackageSettings s) => s with { Extension = true };

    /// <summary>Packages the binaries as functions.</summary>
    public static PackageSettings DisableExtension(this PackageSettings s) => s with { Extension = false };

    /// <summary>Packages extensions as internal ones (at the zip root).</summary>
    public static PackageSettings EnableInternal(this PackageSettings s) => s with { Internal = true };

    /// <summary>Stores this timestamp in zips.</summary>
    public static PackageSettings SetTimestamp(this PackageSettings s, DateTimeOffset? timestamp) => s with { Timestamp = timestamp };

    /// <summary>Sends output to this logger.</summary>
    public static PackageSettings SetLogger(this PackageSettings s, ILogger? logger) => s with { Logger = logger };
}

namespace Nuke.LambdaRust.Model;

/// <summary>Names, parsing and host detection for <see cref="LambdaArchitecture"/>.</summary>
public static class LambdaArchitectures
{
    /// <summary>Every architecture, in a stable order.</summary>
    public static IReadOnlyList<LambdaArchitecture> All { get; } = [LambdaArchitecture.Arm64, LambdaArchitecture.X86_64];

    /// <summary>The name Lambda uses: <c>arm64</c> or <c>x86_64</c>.</summary>
    public static string ToLambdaName(this LambdaArchitecture architecture) => architecture switch
    {
        LambdaArchitecture.Arm64 => "arm64",
        LambdaArchitecture.X86_64 => "x86_64",
        _ => throw new ArgumentOutOfRangeException(nameof(architecture), architecture, null),
    };

    /// <summary>The CPU part of Rust's target triple: <c>aarch64</c> or <c>x86_64</c>.</summary>
    public static string ToRustArch(this LambdaArchitecture architecture) => architecture switch
    {
        LambdaArchitecture.Arm64 => "aarch64",
        LambdaArchitecture.X86_64 => "x86_64",
        _ => throw new ArgumentOutOfRangeException(nameof(architecture), architecture, null),
    };

    /// <summary>
    /// Parses the spellings users type: <c>arm64</c>, <c>aarch64</c>, <c>x86_64</c>, <c>x86-64</c>, <c>amd64</c>, <c>x64</c>
    /// (case-insensitive).
    /// </summary>
    public static bool TryParse(string? value, out LambdaArchitecture architecture)
    {
        switch (value?.Trim().ToLowerInvariant())
        {
            case "arm64" or "aarch64" or "graviton":
                architecture = LambdaArchitecture.Arm64;
                return true;
            case "x86_64" or "x86-64" or "x8664" or "amd64" or "x64":
                architecture = LambdaArchitecture.X86_64;
                return true;
            default:
                architecture = default;
                return false;
        }
    }

    /// <summary>Like <see cref="TryParse"/>, but throws an error that lists the accepted values.</summary>
    public static LambdaArchitecture Parse(string value) =>
        TryParse(value, out var architecture)
            ? architecture
            : throw new LambdaRustException(
                $"Unknown architecture '{value}'.",
                "Use 'arm64' (Graviton) or 'x86_64'.");

    /// <summary>The architecture of the machine running this process, when Lambda has it.</summary>
    public static LambdaArchitecture? Host => System.Runtime.InteropServices.RuntimeInformation.OSArchitecture switch
    {
        System.Runtime.InteropServices.Architecture.Arm64 => LambdaArchitecture.Arm64,
        System.Runtime.InteropServices.Architecture.X64 => LambdaArchitecture.X86_64,
        _ => null,
    };
}

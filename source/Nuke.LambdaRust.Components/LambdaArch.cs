using System.ComponentModel;
using System.Globalization;
using Nuke.Common.Tooling;
using Nuke.LambdaRust.Model;

namespace Nuke.LambdaRust.Components;

/// <summary>
/// A Lambda architecture as NUKE parses parameters: <c>--arch arm64 x86_64</c> (also <c>aarch64</c>, <c>amd64</c>,
/// <c>x86-64</c>, in any case); <c>--help</c> and shell completion list <see cref="Arm64"/> and <see cref="X86_64"/>.
/// </summary>
[TypeConverter(typeof(Converter))]
public sealed class LambdaArch : Enumeration
{
    /// <summary>Graviton (aarch64).</summary>
    public static readonly LambdaArch Arm64 = new(LambdaArchitecture.Arm64);

    /// <summary>x86_64.</summary>
    public static readonly LambdaArch X86_64 = new(LambdaArchitecture.X86_64);

    private LambdaArch(LambdaArchitecture architecture)
    {
        Architecture = architecture;
        Value = architecture.ToLambdaName();
    }

    /// <summary>The architecture.</summary>
    public LambdaArchitecture Architecture { get; }

    /// <summary>The value for <paramref name="architecture"/>.</summary>
    public static LambdaArch From(LambdaArchitecture architecture) => architecture == LambdaArchitecture.Arm64 ? Arm64 : X86_64;

    /// <summary>Parses every spelling the core accepts; anything else names the allowed values.</summary>
    private sealed class Converter : TypeConverter
    {
        public override bool CanConvertFrom(ITypeDescriptorContext? context, Type sourceType) =>
            sourceType == typeof(string) || base.CanConvertFrom(context, sourceType);

        public override object? ConvertFrom(ITypeDescriptorContext? context, CultureInfo? culture, object value) =>
            value is string text
                ? LambdaArchitectures.TryParse(text, out var architecture)
                    ? From(architecture)
                    : throw new LambdaRustException($"Unknown architecture '{text}' (--arch).", "Use arm64 (Graviton) or x86_64.")
                : base.ConvertFrom(context, culture, value);
    }
}

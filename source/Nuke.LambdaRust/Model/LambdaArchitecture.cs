namespace Nuke.LambdaRust.Model;

/// <summary>The two instruction set architectures AWS Lambda runs.</summary>
public enum LambdaArchitecture
{
    /// <summary>Graviton (aarch64); Lambda calls it <c>arm64</c>.</summary>
    Arm64,

    /// <summary>Intel/AMD 64-bit; Lambda calls it <c>x86_64</c>.</summary>
    X86_64,
}

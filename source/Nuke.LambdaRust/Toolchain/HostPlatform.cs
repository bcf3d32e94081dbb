namespace Nuke.LambdaRust.Toolchain;

/// <summary>The operating system a build runs on; it decides the form of generated helper scripts.</summary>
public enum HostPlatform
{
    /// <summary>Linux (POSIX <c>sh</c> scripts).</summary>
    Linux,

    /// <summary>macOS (POSIX <c>sh</c> scripts).</summary>
    MacOS,

    /// <summary>Windows (<c>.cmd</c> launchers that run PowerShell scripts).</summary>
    Windows,
}

namespace Nuke.LambdaRust.Pipeline;

/// <summary>One line per pipeline step, for an engine's target list (<c>--help</c>): every adapter says the same.</summary>
public static class StepDescriptions
{
    /// <summary>Setup.</summary>
    public const string Setup = "Finds zig and the targets' Rust std, and installs what is missing";

    /// <summary>Doctor.</summary>
    public const string Doctor = "Checks the dependency graph for known traps (openssl-sys, diesel, C crates, system libraries ...) before compiling";

    /// <summary>Compile.</summary>
    public const string Compile = "Compiles the functions for the requested architectures";

    /// <summary>Package.</summary>
    public const string Package = "Packages what Compile built: <lambda dir>/<function>/bootstrap.zip for one architecture, <lambda dir>/<arch>/<function>/... for several";

    /// <summary>Verify.</summary>
    public const string Verify = "Checks every package as Lambda will see it: bootstrap and mode, architecture, glibc, libraries, size";

    /// <summary>Invoke.</summary>
    public const string Invoke = "Invokes the packaged function locally with --event/--data, as Lambda would (arm64 under qemu); with Package skipped, the zip an earlier run wrote";

    /// <summary>Release.</summary>
    public const string Release = "Releases every function (or --function, or --changed-since REF) for arm64 and x86_64: zips, SHA256SUMS and manifest.json in --output; --merge DIR... combines CI jobs' outputs";

    /// <summary>Matrix.</summary>
    public const string Matrix = "Prints the GitHub Actions matrix (function x architecture) of what Release would build, honouring --changed-since";

    /// <summary>Clean.</summary>
    public const string Clean = "Deletes the packages and linker wrappers this tool wrote (not cargo's own build cache)";
}

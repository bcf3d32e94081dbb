using Nuke.LambdaRust.Model;

namespace Nuke.LambdaRust.Checks;

/// <summary>
/// Tools a crate's build script runs on the build machine: the <c>cmake</c> executable for crates built with the cmake
/// crate (aws-lc-sys on the versions that use it), libclang for crates that run bindgen. cross brings its own in the
/// container; every other compiler uses this machine's.
/// </summary>
internal sealed class BuildMachineToolsRule : IDoctorRule
{
    private static readonly string[] LibclangFolders =
        ["/usr/lib", "/usr/lib64", "/usr/local/lib", "/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu"];

    public string Id => "build-machine-tools";

    public string Summary => "cmake / libclang (bindgen) that build scripts such as aws-lc-sys's need on the build machine";

    public IEnumerable<CheckFinding> Check(DoctorContext context)
    {
        if (context.Compiler == LambdaCompiler.Cross)
            yield break;

        var needCmake = context.Crates.Where(c => c.Crate.BuildDependencies.Contains("cmake")).ToList();
        if (needCmake.Count > 0 && context.Machine.FindExecutable(context.Variable("CMAKE") ?? "cmake") is null)
        {
            foreach (var crate in needCmake)
            {
                yield return DoctorContext.About(crate, Id, FindingSeverity.Error,
                    $"{crate.Crate.Label} runs CMake in its build script, and no cmake is on PATH{(context.Variable("CMAKE") is { } cmake ? $" (CMAKE={cmake})" : "")}.",
                    "Install CMake (Debian/Ubuntu: apt-get install cmake; or from cmake.org) or set CMAKE to its path.");
            }
        }

        var needClang = context.Crates.Where(c => c.Crate.BuildDependencies.Contains("bindgen")).ToList();
        if (needClang.Count > 0 && !HasLibclang(context))
        {
            foreach (var crate in needClang)
            {
                yield return DoctorContext.About(crate, Id, FindingSeverity.Error,
                    $"{crate.Crate.Label} runs bindgen in its build script, which needs libclang, and none was found (LIBCLANG_PATH unset; no libclang.so in {string.Join(", ", LibclangFolders)} or /usr/lib/llvm-*/lib).",
                    "Install libclang (Debian/Ubuntu: apt-get install libclang-dev) or set LIBCLANG_PATH to the folder that holds libclang.so.");
            }
        }
    }

    private static bool HasLibclang(DoctorContext context)
    {
        if (context.Variable("LIBCLANG_PATH") is { } explicitPath)
            return Directory.Exists(explicitPath) || File.Exists(explicitPath);
        var folders = LibclangFolders.Concat(Directory.Exists("/usr/lib") ? Directory.EnumerateDirectories("/usr/lib", "llvm-*").Select(d => Path.Combine(d, "lib")) : []);
        return folders.Where(Directory.Exists).Any(folder => Directory.EnumerateFiles(folder, "libclang*.so*").Any());
    }
}

using Nuke.LambdaRust.Model;

namespace Nuke.LambdaRust.Checks;

/// <summary>Which runtime a build is for when none was named: the one whose glibc the target was linked against, else provided.al2023.</summary>
internal static class RuntimeChoice
{
    public static LambdaRuntime For(LambdaRuntime? explicitRuntime, RustTarget target) =>
        explicitRuntime ?? LambdaRuntime.All.FirstOrDefault(r => r.Glibc == target.Glibc) ?? LambdaRuntime.ProvidedAl2023;
}

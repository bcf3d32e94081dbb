namespace Nuke.LambdaRust.Checks;

/// <summary>A <c>--glibc</c> above the runtime's lets the binary need symbols the runtime's glibc lacks.</summary>
internal sealed class GlibcAboveRuntimeRule : IDoctorRule
{
    public string Id => "glibc-above-runtime";

    public string Summary => "--glibc above the runtime's glibc (2.34 provided.al2023, 2.26 provided.al2)";

    public IEnumerable<CheckFinding> Check(DoctorContext context)
    {
        if (context.GlibcOverride is not { } glibc || glibc <= context.Runtime.Glibc)
            yield break;
        yield return new CheckFinding(Id, FindingSeverity.Error, $"--glibc {glibc}",
            $"--glibc {glibc} is above {context.Runtime.Identifier}'s glibc {context.Runtime.Glibc}: the binary may need symbols Lambda's glibc lacks and fail to start.",
            $"Use --glibc {context.Runtime.Glibc} or lower, or drop --glibc to take the runtime's; for glibc {glibc} choose a runtime that has it.");
    }
}

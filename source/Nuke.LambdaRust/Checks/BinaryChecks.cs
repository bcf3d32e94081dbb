using Microsoft.Extensions.Logging;
using Nuke.LambdaRust.Elf;
using Nuke.LambdaRust.Model;
using Nuke.LambdaRust.Tools;

namespace Nuke.LambdaRust.Checks;

/// <summary>Runs <see cref="BinaryRules"/> on built binaries: what Compile does right after building and Package before it writes.</summary>
internal static class BinaryChecks
{
    /// <summary>What <paramref name="binary"/> must satisfy; <paramref name="artifact"/> names it (its path unless given).</summary>
    public static BinaryRules.Expectation ExpectationFor(LambdaBinary binary, LambdaRuntime? runtime, DoctorReport? doctor, string? artifact = null)
    {
        // The lower of the glibc it was built for and the runtime's: a binary built for al2023 checked for al2 gets al2's.
        var chosen = RuntimeChoice.For(runtime, binary.Target);
        var built = binary.Target.Abi == TargetAbi.Gnu ? binary.Target.Glibc ?? chosen.Glibc : null;
        var (cap, origin) = built is null ? (null, chosen.Identifier)
            : built <= chosen.Glibc ? (built, binary.Target.TripleWithGlibc)
            : (chosen.Glibc, chosen.Identifier);
        return new BinaryRules.Expectation(artifact ?? binary.Path, binary.Name, binary.Function.Package, binary.Architecture,
            cap, origin, chosen, doctor?.GraphOf(binary.Name, binary.Architecture));
    }

    /// <summary>Every finding of one binary, allowed rules marked.</summary>
    public static IReadOnlyList<CheckFinding> Check(LambdaBinary binary, LambdaRuntime? runtime, IReadOnlySet<string> allowed, DoctorReport? doctor) =>
        BinaryRules.Check(ElfInspector.Read(binary.Path), ExpectationFor(binary, runtime, doctor))
            .Select(f => allowed.Contains(f.Rule) ? f with { Allowed = true } : f)
            .ToList();

    /// <summary>Checks every binary; fails with every finding of each failing one.</summary>
    /// <exception cref="LambdaRustException">A binary is not ELF, or breaks a rule that is not allowed.</exception>
    public static void Ensure(string step, IEnumerable<LambdaBinary> binaries, LambdaRuntime? runtime, IReadOnlySet<string> allowed, DoctorReport? doctor, ILogger logger)
    {
        var failed = new List<(string, IReadOnlyList<CheckFinding>)>();
        foreach (var binary in binaries)
        {
            var findings = Check(binary, runtime, allowed, doctor);
            foreach (var finding in findings.Where(f => !f.Fails))
                logger.LogWarning("{Rule} ({Allowed}): {Message}", finding.Rule, finding.Allowed ? "allowed" : "warning", finding.Message);
            if (findings.Any(f => f.Fails))
                failed.Add((binary.Path, findings));
        }

        if (failed.Count > 0)
            throw CheckFailure.For(step, failed);
    }
}

using System.IO.Compression;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Nuke.LambdaRust.Elf;
using Nuke.LambdaRust.Model;
using Nuke.LambdaRust.Packaging;

namespace Nuke.LambdaRust.Checks;

/// <summary>
/// Checks packages as Lambda will see them: the executable at the zip root (<c>bootstrap</c>; extensions under
/// <c>extensions/</c>) with mode 0755, the binary rules on the executable inside the zip (not the one in the target
/// folder), and Lambda's size limits. Every finding of every package is reported.
/// </summary>
internal static class PackageVerifier
{
    private const int ExecutableMode = 0b111_101_101; // 0755
    private const int FileTypeMask = 0xF000, RegularFile = 0x8000;

    public static VerifyReport Verify(VerifySettings settings)
    {
        var logger = settings.Logger ?? NullLogger.Instance;
        if (settings.Packages.Count == 0)
            throw new LambdaRustException("Nothing to verify: no packages were given.", "Pass the result of Package: Verify(s => s.SetPackages(packages)).");
        var allowed = CheckRules.ParseAllowed(settings.AllowedRules, "allowed rules");
        var results = new List<PackageVerification>();
        foreach (var package in settings.Packages)
        {
            var result = VerifyOne(package, settings);
            result = result with { Findings = result.Findings.Select(f => allowed.Contains(f.Rule) ? f with { Allowed = true } : f).ToList() };
            logger.LogInformation("Verify: {Package} ({Architecture}): {Outcome}, {Zipped} zipped, {Unzipped} unzipped",
                package.Path, package.Architecture.ToLambdaName(), result.Passed ? "ok" : "FAILED",
                Megabytes(result.ZippedSize), Megabytes(result.UnzippedSize));
            foreach (var finding in result.Findings)
            {
                var level = finding.Fails ? LogLevel.Error : LogLevel.Warning;
                logger.Log(level, "  [{Rule}] {Allowed}{Message}", finding.Rule, finding.Allowed ? "(allowed) " : "", finding.Message);
            }

            results.Add(result);
        }

        return new VerifyReport(results);
    }

    /// <exception cref="LambdaRustException">A package breaks a rule: every finding of every failing package.</exception>
    public static void ThrowIfFailed(VerifyReport report)
    {
        var failed = report.Packages.Where(p => !p.Passed).Select(p => (p.Package.Path, p.Findings)).ToList();
        if (failed.Count > 0)
            throw CheckFailure.For("Verify", failed);
    }

    private static PackageVerification VerifyOne(LambdaPackage package, VerifySettings settings)
    {
        if (!File.Exists(package.Path))
        {
            return new PackageVerification(package, [new CheckFinding(CheckRules.BootstrapEntry, FindingSeverity.Error, package.Path,
                $"The package {package.Path} does not exist.", "Run Package in the same build before Verify.")], 0, 0);
        }

        return package.Format == OutputFormat.Binary ? VerifyBinary(package, settings) : VerifyZip(package, settings);
    }

    private static PackageVerification VerifyBinary(LambdaPackage package, VerifySettings settings)
    {
        var findings = new List<CheckFinding>();
        var size = new FileInfo(package.Path).Length;
        if (!OperatingSystem.IsWindows() && ((int)File.GetUnixFileMode(package.Path) & 0x1FF) != ExecutableMode)
        {
            findings.Add(new CheckFinding(CheckRules.BootstrapMode, FindingSeverity.Error, package.Path,
                $"{package.Path} has mode {Octal((int)File.GetUnixFileMode(package.Path) & 0x1FF)}, not 0755: Lambda could not execute it once zipped.",
                "Package it again (Package writes it with 0755), or chmod 755 it."));
        }

        findings.AddRange(CheckElf(() => ElfInspector.Read(package.Path), BinaryChecks.ExpectationFor(package.Binary, settings.Runtime, settings.Doctor)));
        findings.AddRange(SizeFindings(package.Path, null, size));
        return new PackageVerification(package, findings, size, size);
    }

    private static PackageVerification VerifyZip(LambdaPackage package, VerifySettings settings)
    {
        var findings = new List<CheckFinding>();
        var zipped = new FileInfo(package.Path).Length;
        ZipArchive archive;
        try
        {
            archive = ZipFile.OpenRead(package.Path);
        }
        catch (InvalidDataException exception)
        {
            return new PackageVerification(package, [new CheckFinding(CheckRules.BootstrapEntry, FindingSeverity.Error, package.Path,
                $"{package.Path} is not a readable zip: {exception.Message}", "Package it again.")], zipped, 0);
        }

        using (archive)
        {
            var unzipped = archive.Entries.Sum(e => e.Length);
            var (entryName, description) = ExpectedEntry(package);
            var entry = archive.GetEntry(entryName) ?? (description == "extension" ? archive.GetEntry(package.Name) : null);
            if (entry is null)
            {
                var names = archive.Entries.Select(e => e.FullName).Take(8).ToList();
                findings.Add(new CheckFinding(CheckRules.BootstrapEntry, FindingSeverity.Error, package.Path,
                    $"{package.Path} has no '{entryName}' {(description == "extension" ? "(an extension's executable goes under extensions/)" : "at its root (Lambda's provided runtimes start /var/task/bootstrap)")}; it holds {(names.Count == 0 ? "nothing" : string.Join(", ", names))}.",
                    "Package it with Package (it puts the executable where Lambda looks), or fix the layout of your own zip."));
            }
            else
            {
                var mode = (int)(entry.ExternalAttributes >> 16) & 0xFFFF;
                if ((mode & FileTypeMask) != RegularFile || (mode & 0x1FF) != ExecutableMode)
                {
                    findings.Add(new CheckFinding(CheckRules.BootstrapMode, FindingSeverity.Error, $"{package.Path}!{entry.FullName}",
                        mode == 0
                            ? $"'{entry.FullName}' in {package.Path} has no Unix mode (a zip made on Windows?): Lambda would not make it executable."
                            : $"'{entry.FullName}' in {package.Path} has mode {Octal(mode & 0x1FF)}{((mode & FileTypeMask) != RegularFile ? " and is not a regular file" : "")}, not 0755: Lambda cannot execute it.",
                        "Package it with Package (it stores 0755), or zip it from a Unix file system after chmod 755."));
                }

                var artifact = $"{package.Path}!{entry.FullName}";
                findings.AddRange(CheckElf(() => ReadElf(entry, artifact), BinaryChecks.ExpectationFor(package.Binary, settings.Runtime, settings.Doctor, artifact)));
            }

            findings.AddRange(SizeFindings(package.Path, zipped, unzipped));
            return new PackageVerification(package, findings, zipped, unzipped);
        }
    }

    /// <summary>The binary rules, or one finding when the executable is not ELF at all.</summary>
    private static IReadOnlyList<CheckFinding> CheckElf(Func<ElfInfo> read, BinaryRules.Expectation expected)
    {
        try
        {
            return BinaryRules.Check(read(), expected);
        }
        catch (LambdaRustException exception)
        {
            return [new CheckFinding(CheckRules.ElfArchitecture, FindingSeverity.Error, expected.Artifact, exception.Problem, exception.Fix ?? "Package a Linux binary.")];
        }
    }

    /// <summary>Reads the executable's ELF headers from a temp copy (a zip entry cannot seek), deleted when read.</summary>
    private static ElfInfo ReadElf(ZipArchiveEntry entry, string artifact)
    {
        var temp = Path.Combine(Path.GetTempPath(), $"lambda-rust-verify-{Guid.NewGuid():N}");
        using var copy = new FileStream(temp, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose);
        using (var source = entry.Open())
            source.CopyTo(copy);
        copy.Position = 0;
        return ElfInspector.Read(copy, artifact);
    }

    /// <summary><c>bootstrap</c> for a function; <c>extensions/&lt;name&gt;</c> (or <c>&lt;name&gt;</c> for an internal one) for an extension, which lives in <c>&lt;arch&gt;/extensions/</c>.</summary>
    private static (string Entry, string Kind) ExpectedEntry(LambdaPackage package) =>
        Path.GetFileName(Path.GetDirectoryName(package.Path)) == "extensions"
            ? (PackageLayout.EntryFor(package.Name, extension: true, internalExtension: false), "extension")
            : (PackageLayout.EntryFor(package.Name, extension: false, internalExtension: false), "function");

    private static IEnumerable<CheckFinding> SizeFindings(string path, long? zipped, long unzipped)
    {
        if (zipped is { } size)
        {
            if (size >= PackageLimits.Zipped)
                yield return new CheckFinding(CheckRules.ZipSize, FindingSeverity.Error, path,
                    $"{path} is {Megabytes(size)}, over Lambda's 50 MB limit for a zip uploaded directly.",
                    "Make the binary smaller (--release strips it), move includes to a layer, or upload the zip through S3 (up to 250 MB unzipped).");
            else if (size >= PackageLimits.Zipped * PackageLimits.WarningShare)
                yield return new CheckFinding(CheckRules.ZipSize, FindingSeverity.Warning, path,
                    $"{path} is {Megabytes(size)}, near Lambda's 50 MB limit for a zip uploaded directly (warning from 40 MB).",
                    "Make the binary smaller (--release strips it), or plan to upload through S3.");
        }

        if (unzipped >= PackageLimits.Unzipped)
            yield return new CheckFinding(CheckRules.UnzippedSize, FindingSeverity.Error, path,
                $"{path} unzips to {Megabytes(unzipped)}, over Lambda's 250 MB limit for a function and its layers.",
                "Make the binary and the includes smaller, or deploy a container image (up to 10 GB).");
        else if (unzipped >= PackageLimits.Unzipped * PackageLimits.WarningShare)
            yield return new CheckFinding(CheckRules.UnzippedSize, FindingSeverity.Warning, path,
                $"{path} unzips to {Megabytes(unzipped)}, near Lambda's 250 MB limit for a function and its layers (warning from 200 MB).",
                "Make the binary and the includes smaller; layers count towards the same limit.");
    }

    private static string Megabytes(long bytes) => $"{bytes / (1024.0 * 1024.0):0.0} MB";

    private static string Octal(int mode) => "0" + Convert.ToString(mode, 8);
}

using CsCheck;
using Nuke.LambdaRust.Elf;
using Nuke.LambdaRust.Tests.Elf;
using Nuke.LambdaRust.Tests.Support;
using Xunit.Abstractions;

namespace Nuke.LambdaRust.Tests.Packaging;

/// <summary>
/// The ELF reader on hostile input: truncated, bit-flipped, field-smashed and random files made by CsCheck from real
/// binaries (seeded, so every run feeds the same cases). Each ends in our LambdaRustException or a valid result — no
/// other exception, no hang (each case runs under a time budget that turns a hang into a failure), and no allocation
/// beyond a bound proportional to the file's length.
/// </summary>
public sealed class ElfHostileInputTests(ITestOutputHelper output) : IDisposable
{
    private const int Cases = 12_000;
    private const string Seed = "0000000001Nm";
    private static readonly TimeSpan CaseBudget = TimeSpan.FromSeconds(10);

    // Values that break naive readers: zero, one, all ones, sign bits, and near the file's length.
    private static readonly ulong[] Interesting = [0, 1, 2, 0x10, 0x38, 0x40, 0x7F, 0x80, 0xFF, 0xFFFF, 0x7FFF_FFFF, 0x8000_0000, 0xFFFF_FFFF, 0x7FFF_FFFF_FFFF_FFFF, ulong.MaxValue];

    private readonly TestDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Every_truncated_bit_flipped_field_smashed_or_random_file_ends_in_our_error_or_a_valid_result()
    {
        var seeds = new List<(string Name, byte[] Bytes)>
        {
            ("ls", await File.ReadAllBytesAsync("/bin/ls")),
            ("aarch64-c", await File.ReadAllBytesAsync(await ElfSamples.AArch64CProgramAsync(_directory))),
            ("aarch64-be", await File.ReadAllBytesAsync(await ElfSamples.BigEndianAArch64DynamicAsync(_directory))),
            ("i386", await File.ReadAllBytesAsync(await ElfSamples.X86DynamicAsync(_directory))),
        };
        var counts = new Dictionary<string, int>();
        int valid = 0, rejected = 0;

        Check.Sample(Inputs(seeds), input =>
        {
            var outcome = ReadWithinBudget(input.Bytes, input.Kind);
            lock (counts)
            {
                counts[input.Kind] = counts.GetValueOrDefault(input.Kind) + 1;
                if (outcome)
                    valid++;
                else
                    rejected++;
            }
        }, seed: Seed, iter: Cases, threads: 1, print: input => $"{input.Kind} of {input.Bytes.Length} bytes: {Convert.ToHexString(input.Bytes.AsSpan(0, Math.Min(64, input.Bytes.Length)))}...");

        output.WriteLine($"{Cases} cases: {string.Join(", ", counts.Select(c => $"{c.Key} {c.Value}"))}; {valid} read, {rejected} rejected with LambdaRustException");
        Assert.Equal(Cases, counts.Values.Sum());
        Assert.All(new[] { "truncated", "bit-flipped", "header-bit-flipped", "field-smashed", "random" }, kind => Assert.True(counts.GetValueOrDefault(kind) >= 1000, $"{kind}: {counts.GetValueOrDefault(kind)} cases"));
        Assert.True(valid > 0 && rejected > 0, $"{valid} read, {rejected} rejected: the mutants should reach both outcomes");
    }

    /// <summary>True for a valid result, false for our clear error; anything else (another exception, a hang, an allocation past the bound) fails.</summary>
    private static bool ReadWithinBudget(byte[] bytes, string kind)
    {
        var bound = 8L * bytes.Length + (4L << 20);
        var task = Task.Run(() =>
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            bool read;
            try
            {
                using var stream = new MemoryStream(bytes, writable: false);
                var info = ElfInspector.Read(stream, "mutant");
                Assert.NotNull(info.NeededLibraries);
                read = true;
            }
            catch (LambdaRustException error)
            {
                Assert.Contains("'mutant'", error.Problem);
                Assert.False(string.IsNullOrEmpty(error.Fix));
                read = false;
            }

            var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.True(allocated <= bound, $"{kind}: reading {bytes.Length} bytes allocated {allocated} bytes, above the bound {bound}");
            return read;
        });
        if (!task.Wait(CaseBudget))
            throw new TimeoutException($"{kind}: reading {bytes.Length} bytes did not finish within {CaseBudget.TotalSeconds} s (a hang).");
        return task.GetAwaiter().GetResult();
    }

    private static Gen<(string Kind, byte[] Bytes)> Inputs(List<(string Name, byte[] Bytes)> seeds)
    {
        var seed = Gen.Int[0, seeds.Count - 1].Select(i => seeds[i].Bytes);
        var truncated = seed.SelectMany(b => Gen.Int[0, b.Length].Select(n => ("truncated", b[..n])));
        var flipped = seed.SelectMany(b => Gen.Int[0, b.Length * 8 - 1].Array[1, 16].Select(bits => ("bit-flipped", Flip(b, bits))));
        // The headers and tables the reader follows: where a flip changes what is read next.
        var headerFlipped = seed.SelectMany(b => Gen.Select(Structural(b).Array[1, 16], Gen.Int[0, 7].Array[16])
            .Select(t => ("header-bit-flipped", Flip(b, t.Item1.Select((at, i) => at * 8 + t.Item2[i]).ToArray()))));
        var smashed = seed.SelectMany(b => Gen.Select(Structural(b).Array[1, 4], Gen.Int[0, Interesting.Length - 1].Array[4], Gen.Bool)
            .Select(t => ("field-smashed", Smash(b, t.Item1, t.Item2, t.Item3))));
        var random = Gen.Select(Gen.Byte.Array[0, 4096], Gen.Int[1, 2], Gen.Int[1, 2])
            .Select(t => ("random", t.Item1.Length < 64 ? t.Item1 : [0x7F, (byte)'E', (byte)'L', (byte)'F', (byte)t.Item2, (byte)t.Item3, .. t.Item1[6..]]));
        return Gen.OneOf(truncated, flipped, headerFlipped, smashed, random);
    }

    /// <summary>A byte offset in the headers and tables: the first 4 KiB (ELF and program headers, dynamic data of small files) or the last 4 KiB (the section headers).</summary>
    private static Gen<int> Structural(byte[] bytes) =>
        Gen.OneOf(Gen.Int[0, Math.Min(bytes.Length, 4096) - 1], Gen.Int[Math.Max(0, bytes.Length - 4096), bytes.Length - 1]);

    private static byte[] Flip(byte[] original, int[] bits)
    {
        var copy = (byte[])original.Clone();
        foreach (var bit in bits)
            copy[bit / 8] ^= (byte)(1 << (bit % 8));
        return copy;
    }

    /// <summary>Overwrites 4- or 8-byte fields with values that break naive readers.</summary>
    private static byte[] Smash(byte[] original, int[] offsets, int[] values, bool wide)
    {
        var copy = (byte[])original.Clone();
        for (var index = 0; index < offsets.Length; index++)
        {
            var value = Interesting[values[index % values.Length]];
            var size = wide ? 8 : 4;
            var at = Math.Min(offsets[index], copy.Length - size);
            if (at < 0)
                continue;
            for (var b = 0; b < size; b++)
                copy[at + b] = (byte)(value >> (8 * b));
        }

        return copy;
    }
}

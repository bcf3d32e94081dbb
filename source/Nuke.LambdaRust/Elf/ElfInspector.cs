using System.Globalization;

namespace Nuke.LambdaRust.Elf;

/// <summary>
/// Reads what a built binary needs from its ELF headers — CPU, loader, shared libraries, glibc symbol versions — so a
/// package can be checked before it ships (like <c>readelf -h -l -d -V</c>, without needing binutils on the build host).
/// </summary>
public static class ElfInspector
{
    private const ulong DtNull = 0;
    private const ulong DtNeeded = 1;
    private const ulong DtStringTable = 5;
    private const ulong DtStringTableSize = 10;
    private const ulong DtVersionNeeds = 0x6ffffffe;
    private const ulong DtVersionNeedCount = 0x6fffffff;
    private const int VersionNeedSize = 16;
    private const string GlibcPrefix = "GLIBC_";

    /// <summary>Reads the ELF headers of <paramref name="path"/>.</summary>
    /// <exception cref="LambdaRustException">The file is missing, not ELF, truncated or corrupt.</exception>
    public static ElfInfo Read(string path)
    {
        using var elf = ElfReader.Open(path);
        return Read(elf);
    }

    /// <summary>Reads the ELF headers from a seekable stream (left open); <paramref name="name"/> names it in errors.</summary>
    /// <exception cref="LambdaRustException">The bytes are not ELF, truncated or corrupt.</exception>
    public static ElfInfo Read(Stream stream, string name)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var elf = ElfReader.Open(stream, name, ownsStream: false);
        return Read(elf);
    }

    private static ElfInfo Read(ElfReader elf)
    {
        var header = elf.Read(0, elf.Is64Bit ? 64ul : 52ul, "the ELF header");
        var machine = elf.U16(header, 18);
        var (segmentsAt, sectionsAt) = elf.Is64Bit ? (elf.U64(header, 32), elf.U64(header, 40)) : (elf.U32(header, 28), elf.U32(header, 32));
        var fieldsAt = elf.Is64Bit ? 54ul : 42ul;
        var segmentSize = elf.U16(header, fieldsAt);
        var segmentCount = (uint)elf.U16(header, fieldsAt + 2);
        var sectionSize = elf.U16(header, fieldsAt + 4);
        var sectionCount = (uint)elf.U16(header, fieldsAt + 6);

        // Extended numbering: more than 0xfeff sections or 0xfffe segments put the real counts in section 0.
        if (sectionsAt != 0 && (sectionCount == 0 || segmentCount == 0xFFFF))
        {
            var first = ReadSection(elf, elf.Read(sectionsAt, sectionSize, "section header 0"));
            if (sectionCount == 0)
                sectionCount = first.Size <= uint.MaxValue ? (uint)first.Size : throw elf.Corrupt($"section header 0 claims {first.Size} sections");
            segmentCount = segmentCount == 0xFFFF ? first.Info : segmentCount;
        }

        var segments = ReadTable(elf, segmentsAt, segmentCount, segmentSize, elf.Is64Bit ? 56 : 32, "program header", ReadSegment);
        var sections = ReadTable(elf, sectionsAt, sectionCount, sectionSize, elf.Is64Bit ? 64 : 40, "section header", ReadSection);

        var dynamic = ReadDynamic(elf, segments);
        var needed = dynamic.Needed.Select(at => dynamic.StringAt(elf, at, "a DT_NEEDED entry")).ToList();
        var glibc = ReadVersionNeedNames(elf, segments, sections, dynamic)
            .Select(ParseGlibcVersion)
            .OfType<Version>()
            .Distinct()
            .Order()
            .ToList();

        return new ElfInfo(
            machine,
            ElfMachine.ToArchitecture(machine, elf.Is64Bit, elf.IsBigEndian),
            elf.Is64Bit,
            ReadInterpreter(elf, segments),
            needed,
            glibc)
        {
            IsBigEndian = elf.IsBigEndian,
        };
    }

    private static List<T> ReadTable<T>(ElfReader elf, ulong at, uint count, ushort entrySize, int minimumEntrySize, string what, Func<ElfReader, byte[], T> read)
    {
        if (count == 0 || at == 0)
            return [];
        if (entrySize < minimumEntrySize)
            throw elf.Corrupt($"its {what} size is {entrySize} bytes, less than the {minimumEntrySize} the format needs");

        // Read checks the table against the file's length, so the count is bounded by it before the list is made.
        var table = elf.Read(at, (ulong)count * entrySize, $"the {what} table");
        var entries = new List<T>((int)count);
        for (var index = 0; index < (int)count; index++)
            entries.Add(read(elf, table[(index * entrySize)..((index + 1) * entrySize)]));
        return entries;
    }

    private static ElfSegment ReadSegment(ElfReader elf, byte[] entry) => elf.Is64Bit
        ? new ElfSegment(elf.U32(entry, 0), elf.U64(entry, 8), elf.U64(entry, 16), elf.U64(entry, 32))
        : new ElfSegment(elf.U32(entry, 0), elf.U32(entry, 4), elf.U32(entry, 8), elf.U32(entry, 16));

    private static ElfSection ReadSection(ElfReader elf, byte[] entry) => elf.Is64Bit
        ? new ElfSection(elf.U32(entry, 4), elf.U64(entry, 24), elf.U64(entry, 32), elf.U32(entry, 40), elf.U32(entry, 44))
        : new ElfSection(elf.U32(entry, 4), elf.U32(entry, 16), elf.U32(entry, 20), elf.U32(entry, 24), elf.U32(entry, 28));

    private static string? ReadInterpreter(ElfReader elf, List<ElfSegment> segments)
    {
        var segment = segments.FirstOrDefault(s => s.Type == ElfSegment.Interpreter);
        if (segment is null)
            return null;
        var bytes = elf.Read(segment.Offset, segment.FileSize, "the PT_INTERP segment");
        return bytes.Length == 0 ? null : elf.String([.. bytes, 0], 0, "the PT_INTERP segment");
    }

    private static DynamicTable ReadDynamic(ElfReader elf, List<ElfSegment> segments)
    {
        var segment = segments.FirstOrDefault(s => s.Type == ElfSegment.Dynamic);
        if (segment is null)
            return DynamicTable.None;

        var table = elf.Read(segment.Offset, segment.FileSize, "the dynamic section");
        var entrySize = (ulong)elf.WordSize * 2;
        var needed = new List<ulong>();
        ulong? strings = null, versionNeeds = null;
        ulong stringsSize = 0, versionNeedCount = 0;
        for (ulong at = 0; at + entrySize <= (ulong)table.Length; at += entrySize)
        {
            var tag = elf.Word(table, at);
            var value = elf.Word(table, at + (ulong)elf.WordSize);
            if (tag == DtNull)
                break;
            switch (tag)
            {
                case DtNeeded: needed.Add(value); break;
                case DtStringTable: strings = value; break;
                case DtStringTableSize: stringsSize = value; break;
                case DtVersionNeeds: versionNeeds = value; break;
                case DtVersionNeedCount: versionNeedCount = value; break;
            }
        }

        if (strings is null)
            return needed.Count == 0 ? DynamicTable.None : throw elf.Corrupt("it lists DT_NEEDED libraries but has no DT_STRTAB");

        var (stringsAt, _) = FileOffsetOf(elf, segments, strings.Value, "DT_STRTAB");
        var stringBytes = elf.Read(stringsAt, stringsSize, "the dynamic string table");
        return new DynamicTable(needed, stringBytes, versionNeeds, versionNeedCount);
    }

    /// <summary>The names in the version-needs table (<c>GLIBC_2.34</c>, ...), from its section or, when stripped of sections, from DT_VERNEED.</summary>
    private static List<string> ReadVersionNeedNames(ElfReader elf, List<ElfSegment> segments, List<ElfSection> sections, DynamicTable dynamic)
    {
        var section = sections.FirstOrDefault(s => s.Type == ElfSection.GnuVersionNeeds);
        if (section is not null)
        {
            if (section.Link >= sections.Count)
                throw elf.Corrupt($"its version-needs section links to section {section.Link}, which does not exist");
            var strings = sections[(int)section.Link];
            return WalkVersionNeeds(
                elf,
                elf.Read(section.Offset, section.Size, "the version-needs section"),
                section.Info,
                elf.Read(strings.Offset, strings.Size, "the version-needs string table"));
        }

        if (dynamic.VersionNeeds is not { } address || dynamic.VersionNeedCount == 0)
            return [];

        var (offset, inSegment) = FileOffsetOf(elf, segments, address, "DT_VERNEED");
        var available = Math.Min(inSegment, (ulong)elf.Length - Math.Min(offset, (ulong)elf.Length));
        var table = elf.Read(offset, Math.Min(available, ElfReader.MaxTableSize), "the version-needs table");
        return WalkVersionNeeds(elf, table, dynamic.VersionNeedCount, dynamic.Strings);
    }

    private static List<string> WalkVersionNeeds(ElfReader elf, byte[] table, ulong count, byte[] strings)
    {
        // Each Elf_Verneed (one per library) chains to its Elf_Vernaux entries (one per version) by relative offsets.
        // Offsets only grow, so a chain cannot loop; an entry reached twice (two libraries sharing versions) is corrupt,
        // which keeps the walk linear in the table's size whatever the counts claim.
        var names = new List<string>();
        var seen = new HashSet<ulong>();
        var cache = new Dictionary<ulong, string>();
        ulong need = 0;
        for (ulong index = 0; index < Math.Min(count, (ulong)table.Length / VersionNeedSize); index++)
        {
            if (!seen.Add(need))
                throw elf.Corrupt($"its version-needs entry at offset {need} is reached twice");
            var auxCount = elf.U16(table, need + 2);
            var aux = need + elf.U32(table, need + 8);
            for (var auxIndex = 0; auxIndex < auxCount; auxIndex++)
            {
                if (!seen.Add(aux))
                    throw elf.Corrupt($"its version-needs entry at offset {aux} is reached twice");
                var at = elf.U32(table, aux + 8);
                if (!cache.TryGetValue(at, out var name))
                    cache[at] = name = elf.String(strings, at, "a version-needs name");
                names.Add(name);
                var nextAux = elf.U32(table, aux + 12);
                if (nextAux == 0)
                    break;
                aux += nextAux;
            }

            var next = elf.U32(table, need + 12);
            if (next == 0)
                break;
            need += next;
        }

        return names;
    }

    /// <summary>The file offset of a loaded address, and how many bytes of its segment follow it.</summary>
    private static (ulong Offset, ulong InSegment) FileOffsetOf(ElfReader elf, List<ElfSegment> segments, ulong address, string what)
    {
        foreach (var segment in segments.Where(s => s.Type == ElfSegment.Load))
        {
            if (address >= segment.VirtualAddress && address - segment.VirtualAddress < segment.FileSize)
            {
                var delta = address - segment.VirtualAddress;
                if (segment.Offset > ulong.MaxValue - delta)
                    throw elf.Corrupt($"its {what} address 0x{address:x} maps past the largest file offset");
                return (segment.Offset + delta, segment.FileSize - delta);
            }
        }

        throw elf.Corrupt($"its {what} address 0x{address:x} lies in no loaded segment");
    }

    /// <summary><c>GLIBC_2.34</c> → 2.34, <c>GLIBC_2.2.5</c> → 2.2.5; <c>null</c> for other names and <c>GLIBC_PRIVATE</c>.</summary>
    internal static Version? ParseGlibcVersion(string name)
    {
        if (!name.StartsWith(GlibcPrefix, StringComparison.Ordinal))
            return null;
        var parts = name[GlibcPrefix.Length..].Split('.');
        if (parts.Length is < 1 or > 4)
            return null;

        var numbers = new int[parts.Length];
        for (var index = 0; index < parts.Length; index++)
        {
            if (!int.TryParse(parts[index], NumberStyles.None, CultureInfo.InvariantCulture, out numbers[index]))
                return null;
        }

        return numbers.Length switch
        {
            1 => new Version(numbers[0], 0),
            2 => new Version(numbers[0], numbers[1]),
            3 => new Version(numbers[0], numbers[1], numbers[2]),
            _ => new Version(numbers[0], numbers[1], numbers[2], numbers[3]),
        };
    }

    private sealed record DynamicTable(IReadOnlyList<ulong> Needed, byte[] Strings, ulong? VersionNeeds, ulong VersionNeedCount)
    {
        private readonly Dictionary<ulong, string> _strings = [];

        public static DynamicTable None => new([], [], null, 0);

        /// <summary>Each string decoded once, however many entries point at it.</summary>
        public string StringAt(ElfReader elf, ulong at, string what)
        {
            if (!_strings.TryGetValue(at, out var value))
                _strings[at] = value = elf.String(Strings, at, what);
            return value;
        }
    }
}

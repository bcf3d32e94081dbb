using System.Buffers.Binary;
using System.Text;

namespace Nuke.LambdaRust.Elf;

/// <summary>
/// Bounded random access to an ELF file in its own byte order and word size. Every read is checked against the file's
/// length before anything is allocated, and all reads and decoded strings together may not exceed an allowance tied to
/// that length, so a truncated, corrupt or hostile file gives a clear error — never an index exception, a huge
/// allocation or a long loop.
/// </summary>
internal sealed class ElfReader : IDisposable
{
    // What the tables we read (headers, dynamic section, string tables, version needs) may take in all: twice the file
    // (a string table is read for DT_NEEDED and again for version needs) plus room for the small fixed structures.
    private const long FixedAllowance = 256 << 10;

    /// <summary>The most one table may claim: real ones are kilobytes, so anything near this is corrupt, whatever the file's size.</summary>
    public const ulong MaxTableSize = 64 << 20;

    private readonly Stream _stream;
    private readonly bool _ownsStream;
    private long _allowance;

    private ElfReader(string name, Stream stream, bool ownsStream, long length, bool is64Bit, bool isBigEndian)
    {
        Name = name;
        _stream = stream;
        _ownsStream = ownsStream;
        Length = length;
        Is64Bit = is64Bit;
        IsBigEndian = isBigEndian;
        _allowance = 2 * length + FixedAllowance;
    }

    /// <summary>How errors name the file: its path, or what the caller called it.</summary>
    public string Name { get; }

    public long Length { get; }

    public bool Is64Bit { get; }

    public bool IsBigEndian { get; }

    /// <summary>The size of an address or offset field: 8 bytes for ELFCLASS64, 4 for ELFCLASS32.</summary>
    public int WordSize => Is64Bit ? 8 : 4;

    /// <summary>Opens the file and checks the identification bytes.</summary>
    /// <exception cref="LambdaRustException">The file is missing, unreadable, or not ELF.</exception>
    public static ElfReader Open(string path)
    {
        if (!File.Exists(path))
        {
            throw new LambdaRustException(
                $"The binary '{path}' does not exist.",
                Directory.Exists(path) ? "Point at the built 'bootstrap' file, not its folder." : "Build it first, or check the path.");
        }

        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 4096, FileOptions.RandomAccess);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new LambdaRustException($"The binary '{path}' cannot be read: {exception.Message}", "Check the file's permissions.", exception);
        }

        return Open(stream, path, ownsStream: true);
    }

    /// <summary>Reads from a seekable stream (a zip entry copied out, bytes in memory); <paramref name="name"/> names it in errors.</summary>
    /// <exception cref="LambdaRustException">The bytes are not ELF.</exception>
    public static ElfReader Open(Stream stream, string name, bool ownsStream)
    {
        try
        {
            if (!stream.CanSeek || !stream.CanRead)
                throw new ArgumentException("The ELF stream must be readable and seekable.", nameof(stream));
            var length = stream.Length;
            Span<byte> ident = stackalloc byte[16];
            if (length < ident.Length)
                throw NotElf(name, $"it is only {length} bytes long");
            stream.Position = 0;
            stream.ReadExactly(ident);
            if (ident[0] != 0x7F || ident[1] != (byte)'E' || ident[2] != (byte)'L' || ident[3] != (byte)'F')
                throw NotElf(name, "it does not start with the ELF magic bytes (7f 45 4c 46)");
            if (ident[4] is not (1 or 2))
                throw NotElf(name, $"its ELF class byte is {ident[4]} (expected 1 for 32-bit or 2 for 64-bit)");
            if (ident[5] is not (1 or 2))
                throw NotElf(name, $"its ELF data byte is {ident[5]} (expected 1 for little-endian or 2 for big-endian)");

            return new ElfReader(name, stream, ownsStream, length, is64Bit: ident[4] == 2, isBigEndian: ident[5] == 2);
        }
        catch
        {
            if (ownsStream)
                stream.Dispose();
            throw;
        }
    }

    /// <summary>Reads <paramref name="count"/> bytes at <paramref name="offset"/>; <paramref name="what"/> names them in errors.</summary>
    public byte[] Read(ulong offset, ulong count, string what)
    {
        if (count > MaxTableSize)
            throw Corrupt($"{what} claims {count} bytes");
        if (offset > (ulong)Length || count > (ulong)Length - offset)
            throw Corrupt($"{what} at offset 0x{offset:x} (+{count} bytes) lies beyond the end of the {Length}-byte file; it is truncated");
        Charge((long)count, what);

        var buffer = new byte[count];
        try
        {
            _stream.Position = (long)offset;
            _stream.ReadExactly(buffer);
        }
        catch (EndOfStreamException)
        {
            throw Corrupt($"{what} could not be read completely; the file shrank while it was read");
        }
        catch (IOException exception)
        {
            throw new LambdaRustException($"'{Name}' cannot be read: {exception.Message}", "Check the file and the disk it is on.", exception);
        }

        return buffer;
    }

    public ushort U16(byte[] data, ulong at) => IsBigEndian
        ? BinaryPrimitives.ReadUInt16BigEndian(Slice(data, at, 2))
        : BinaryPrimitives.ReadUInt16LittleEndian(Slice(data, at, 2));

    public uint U32(byte[] data, ulong at) => IsBigEndian
        ? BinaryPrimitives.ReadUInt32BigEndian(Slice(data, at, 4))
        : BinaryPrimitives.ReadUInt32LittleEndian(Slice(data, at, 4));

    public ulong U64(byte[] data, ulong at) => IsBigEndian
        ? BinaryPrimitives.ReadUInt64BigEndian(Slice(data, at, 8))
        : BinaryPrimitives.ReadUInt64LittleEndian(Slice(data, at, 8));

    /// <summary>An address, offset or size field: 64-bit in ELFCLASS64, 32-bit in ELFCLASS32.</summary>
    public ulong Word(byte[] data, ulong at) => Is64Bit ? U64(data, at) : U32(data, at);

    /// <summary>The NUL-terminated string at <paramref name="at"/> in a string table.</summary>
    public string String(byte[] table, ulong at, string what)
    {
        if (at >= (ulong)table.Length)
            throw Corrupt($"{what} points at offset {at} outside its {table.Length}-byte string table");
        var rest = table.AsSpan((int)at);
        var end = rest.IndexOf((byte)0);
        if (end < 0)
            throw Corrupt($"{what} at offset {at} is not terminated");
        Charge(2L * end, what);
        return Encoding.UTF8.GetString(rest[..end]);
    }

    /// <summary>An error for a file that starts like ELF but whose tables do not fit.</summary>
    public LambdaRustException Corrupt(string reason) => NotElf(Name, reason);

    public void Dispose()
    {
        if (_ownsStream)
            _stream.Dispose();
    }

    /// <summary>Takes <paramref name="bytes"/> from the allowance; a file whose tables want more than it holds is corrupt.</summary>
    private void Charge(long bytes, string what)
    {
        _allowance -= bytes;
        if (_allowance < 0)
            throw Corrupt($"{what} takes the data read past {2 * Length + FixedAllowance} bytes, more than a {Length}-byte file can hold; its tables overlap or repeat");
    }

    private ReadOnlySpan<byte> Slice(byte[] data, ulong at, int size) =>
        at <= (ulong)data.Length && (ulong)size <= (ulong)data.Length - at
            ? data.AsSpan((int)at, size)
            : throw Corrupt($"a {size}-byte field at offset {at} lies outside its {data.Length}-byte table");

    private static LambdaRustException NotElf(string name, string reason) => new(
        $"'{name}' is not an ELF executable: {reason}.",
        "Check that the build produced a Linux binary (a Rust target such as aarch64-unknown-linux-gnu or x86_64-unknown-linux-gnu) " +
        "and that the path points at the built bootstrap, not a script, a zip or a binary for another OS.");
}

using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;

namespace Nuke.LambdaRust.Packaging;

/// <summary>
/// Writes the zip format (PKWARE APPNOTE 6.3) to a seekable stream, with every field fixed so that equal input gives equal bytes:
/// "made by" Unix so Unix modes are honoured on extraction from any build host, no extra fields, no data descriptors
/// (CRC and sizes are patched into the local header), deflate only when it is smaller.
/// </summary>
internal sealed class ZipArchiveWriter
{
    private const uint LocalHeaderSignature = 0x04034b50;
    private const uint CentralHeaderSignature = 0x02014b50;
    private const uint EndOfCentralDirectorySignature = 0x06054b50;
    private const int LocalHeaderSize = 30;
    private const int CentralHeaderSize = 46;
    private const int EndOfCentralDirectorySize = 22;

    // High byte 3 = Unix (so extractors read the mode from the upper 16 bits of the external attributes); low byte = spec 2.0.
    private const ushort VersionMadeBy = (3 << 8) | 20;
    private const ushort VersionNeeded = 20;
    private const ushort Utf8NamesFlag = 1 << 11;
    private const ushort MethodStored = 0;
    private const ushort MethodDeflated = 8;

    private const uint RegularExecutableMode = 0x81ED; // 0100755
    private const uint RegularDataMode = 0x81A4;       // 0100644
    private const uint DirectoryMode = 0x41ED;         // 040755
    private const uint MsDosDirectoryAttribute = 0x10; // what Info-ZIP also sets, for tools that only read the DOS bits

    private const int BufferSize = 1 << 16;

    private readonly Stream _output;
    private readonly DosTimestamp _timestamp;
    private readonly List<CentralRecord> _central = [];

    public ZipArchiveWriter(Stream output, DosTimestamp timestamp)
    {
        if (!output.CanSeek || !output.CanWrite)
            throw new ArgumentException("The zip output must be writable and seekable.", nameof(output));
        _output = output;
        _timestamp = timestamp;
    }

    /// <summary>Appends one entry: a folder, or a file whose data is read (twice at most) from its source.</summary>
    public async Task AddAsync(PlannedZipEntry entry, CancellationToken cancellationToken)
    {
        if (_central.Count == ushort.MaxValue)
            throw TooLarge($"it would hold more than {ushort.MaxValue} entries");

        var name = Encoding.UTF8.GetBytes(entry.Name);
        var flags = entry.Name.All(char.IsAscii) ? (ushort)0 : Utf8NamesFlag;
        var offset = CheckedOffset(_output.Position);
        await WriteLocalHeaderAsync(name, flags, MethodStored, crc: 0, compressedSize: 0, size: 0, cancellationToken).ConfigureAwait(false);

        if (entry.Source is not { } source)
        {
            _central.Add(new CentralRecord(name, flags, MethodStored, 0, 0, 0, ((DirectoryMode << 16) | MsDosDirectoryAttribute), offset));
            return;
        }

        var dataStart = _output.Position;
        var (crc, size) = await CopyAsync(source, compress: true, cancellationToken).ConfigureAwait(false);
        var compressedSize = _output.Position - dataStart;
        var method = MethodDeflated;
        if (size == 0 || compressedSize >= size)
        {
            // Deflate did not help (already compressed or tiny data): store the bytes as they are.
            _output.SetLength(dataStart);
            _output.Position = dataStart;
            var (storedCrc, storedSize) = await CopyAsync(source, compress: false, cancellationToken).ConfigureAwait(false);
            if (storedCrc != crc || storedSize != size)
            {
                throw new LambdaRustException(
                    $"'{source.Origin}' changed while it was being zipped (as '{entry.Name}').",
                    "Make sure nothing writes to the package's files while it is being packaged, then package again.");
            }

            method = MethodStored;
            compressedSize = size;
        }

        if (compressedSize > uint.MaxValue)
            throw TooLarge($"'{entry.Name}' compresses to more than 4 GiB");

        // Patch CRC and sizes into the local header instead of writing a data descriptor after the data.
        var end = _output.Position;
        _output.Position = offset;
        await WriteLocalHeaderAsync(name, flags, method, crc, (uint)compressedSize, (uint)size, cancellationToken).ConfigureAwait(false);
        _output.Position = end;

        var mode = source.Executable ? RegularExecutableMode : RegularDataMode;
        _central.Add(new CentralRecord(name, flags, method, crc, (uint)compressedSize, (uint)size, mode << 16, offset));
    }

    /// <summary>Writes the central directory and the end record.</summary>
    public async Task FinishAsync(CancellationToken cancellationToken)
    {
        var centralStart = CheckedOffset(_output.Position);
        foreach (var record in _central)
        {
            var header = new byte[CentralHeaderSize + record.Name.Length];
            var span = header.AsSpan();
            BinaryPrimitives.WriteUInt32LittleEndian(span[0..], CentralHeaderSignature);
            BinaryPrimitives.WriteUInt16LittleEndian(span[4..], VersionMadeBy);
            BinaryPrimitives.WriteUInt16LittleEndian(span[6..], VersionNeeded);
            BinaryPrimitives.WriteUInt16LittleEndian(span[8..], record.Flags);
            BinaryPrimitives.WriteUInt16LittleEndian(span[10..], record.Method);
            BinaryPrimitives.WriteUInt16LittleEndian(span[12..], _timestamp.Time);
            BinaryPrimitives.WriteUInt16LittleEndian(span[14..], _timestamp.Date);
            BinaryPrimitives.WriteUInt32LittleEndian(span[16..], record.Crc);
            BinaryPrimitives.WriteUInt32LittleEndian(span[20..], record.CompressedSize);
            BinaryPrimitives.WriteUInt32LittleEndian(span[24..], record.Size);
            BinaryPrimitives.WriteUInt16LittleEndian(span[28..], (ushort)record.Name.Length);
            // 30: extra length, 32: comment length, 34: disk number, 36: internal attributes — all zero.
            BinaryPrimitives.WriteUInt32LittleEndian(span[38..], record.ExternalAttributes);
            BinaryPrimitives.WriteUInt32LittleEndian(span[42..], record.LocalHeaderOffset);
            record.Name.CopyTo(span[CentralHeaderSize..]);
            await _output.WriteAsync(header, cancellationToken).ConfigureAwait(false);
        }

        var centralSize = CheckedOffset(_output.Position) - centralStart;
        var end = new byte[EndOfCentralDirectorySize];
        BinaryPrimitives.WriteUInt32LittleEndian(end.AsSpan(0), EndOfCentralDirectorySignature);
        // 4: this disk, 6: disk with the central directory — both zero.
        BinaryPrimitives.WriteUInt16LittleEndian(end.AsSpan(8), (ushort)_central.Count);
        BinaryPrimitives.WriteUInt16LittleEndian(end.AsSpan(10), (ushort)_central.Count);
        BinaryPrimitives.WriteUInt32LittleEndian(end.AsSpan(12), centralSize);
        BinaryPrimitives.WriteUInt32LittleEndian(end.AsSpan(16), centralStart);
        // 20: comment length — zero.
        await _output.WriteAsync(end, cancellationToken).ConfigureAwait(false);
    }

    private async Task WriteLocalHeaderAsync(byte[] name, ushort flags, ushort method, uint crc, uint compressedSize, uint size, CancellationToken cancellationToken)
    {
        var header = new byte[LocalHeaderSize + name.Length];
        var span = header.AsSpan();
        BinaryPrimitives.WriteUInt32LittleEndian(span[0..], LocalHeaderSignature);
        BinaryPrimitives.WriteUInt16LittleEndian(span[4..], VersionNeeded);
        BinaryPrimitives.WriteUInt16LittleEndian(span[6..], flags);
        BinaryPrimitives.WriteUInt16LittleEndian(span[8..], method);
        BinaryPrimitives.WriteUInt16LittleEndian(span[10..], _timestamp.Time);
        BinaryPrimitives.WriteUInt16LittleEndian(span[12..], _timestamp.Date);
        BinaryPrimitives.WriteUInt32LittleEndian(span[14..], crc);
        BinaryPrimitives.WriteUInt32LittleEndian(span[18..], compressedSize);
        BinaryPrimitives.WriteUInt32LittleEndian(span[22..], size);
        BinaryPrimitives.WriteUInt16LittleEndian(span[26..], (ushort)name.Length);
        // 28: extra field length — zero: no timestamps or uid/gid that would vary between hosts.
        name.CopyTo(span[LocalHeaderSize..]);
        await _output.WriteAsync(header, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Copies the source's bytes to the output (deflated or as is) and returns their CRC-32 and length.</summary>
    private async Task<(uint Crc, long Size)> CopyAsync(ZipEntrySource source, bool compress, CancellationToken cancellationToken)
    {
        await using var input = OpenSource(source);
        var crc = new Crc32();
        long size = 0;
        void Observe(ReadOnlyMemory<byte> data)
        {
            // Between chunks too: deflating a large file takes a while, and a cancelled run must stop inside it.
            cancellationToken.ThrowIfCancellationRequested();
            size += data.Length;
            if (size > uint.MaxValue)
                throw TooBig(source);
            crc.Append(data.Span);
        }

        if (compress)
        {
            await ChunkedDeflate.WriteAsync(input, _output, Observe, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            var buffer = new byte[BufferSize];
            int read;
            while ((read = await input.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
            {
                Observe(buffer.AsMemory(0, read));
                await _output.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
            }
        }

        return (crc.GetCurrentHashAsUInt32(), size);
    }

    private static Stream OpenSource(ZipEntrySource source)
    {
        if (source.Content is { } content)
            return new MemoryStream(content.ToArray(), writable: false);

        var file = source.SourceFile!;
        var kind = FileKindProbe.OfTarget(file);
        if (kind == FileKind.Directory)
        {
            throw new LambdaRustException(
                $"'{file}' (zip entry '{source.EntryPath}') is a folder, not a file.",
                "Add the files inside the folder one by one, or pass no source file to create a folder entry.");
        }

        // Checked before opening: opening a FIFO to read blocks until a writer comes, and a device may never end.
        if (kind is not (FileKind.Regular or FileKind.Missing))
        {
            throw new LambdaRustException(
                $"'{file}' (zip entry '{source.EntryPath}') is {FileKindProbe.Describe(kind)}, not a regular file; reading it could block or never end.",
                "Package only regular files: leave this one out, or copy the data it holds into a file first.");
        }

        try
        {
            var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize, FileOptions.Asynchronous | FileOptions.SequentialScan);
            if (stream.Length > uint.MaxValue)
            {
                stream.Dispose();
                throw TooBig(source);
            }

            return stream;
        }
        catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new LambdaRustException(
                $"The file '{file}' for zip entry '{source.EntryPath}' does not exist.",
                "Build it first, or fix the path of the include.",
                exception);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new LambdaRustException(
                $"The file '{file}' for zip entry '{source.EntryPath}' cannot be read: {exception.Message}",
                "Check the file's permissions and that no other process holds it locked.",
                exception);
        }
    }

    private static LambdaRustException TooBig(ZipEntrySource source) => new(
        $"'{source.Origin}' (zip entry '{source.EntryPath}') is larger than 4 GiB, which a zip without zip64 cannot hold; Lambda allows 250 MB unzipped anyway.",
        "Shrink the file (build in release mode, strip debug info) or leave it out of the package.");

    private static uint CheckedOffset(long position) =>
        position <= uint.MaxValue ? (uint)position : throw TooLarge("it would grow beyond 4 GiB");

    private static LambdaRustException TooLarge(string reason) => new(
        $"The zip cannot be written: {reason}, which needs zip64 (Lambda allows at most 250 MB unzipped).",
        "Package fewer or smaller files.");

    private sealed record CentralRecord(byte[] Name, ushort Flags, ushort Method, uint Crc, uint CompressedSize, uint Size, uint ExternalAttributes, uint LocalHeaderOffset);
}

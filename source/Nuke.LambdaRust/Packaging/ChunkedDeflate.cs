using System.Buffers;
using System.IO.Compression;

namespace Nuke.LambdaRust.Packaging;

/// <summary>
/// Deflate (RFC 1951) at the runtime's highest level, cut into fixed chunks that every core compresses at once and that
/// are joined in order: each chunk ends in a sync flush (byte-aligned, not final) and one empty final block closes the
/// stream, so any inflater reads it as one stream.
/// </summary>
/// <remarks>
/// The bytes depend on the input and the runtime's zlib alone, never on the number of cores, so packages stay
/// reproducible. Why not one stream at <see cref="CompressionLevel.Optimal"/>: zlib-ng (.NET 9 and later) gives level 6
/// output 2.5% larger than Info-ZIP's <c>zip -6</c>; level 9 is 0.7% smaller but twice as slow on one core. Chunks
/// start without the previous chunk's window, which costs about 0.4% of size; on two cores the whole is then faster
/// than <c>zip -6</c> and smaller.
/// </remarks>
internal static class ChunkedDeflate
{
    /// <summary>Input bytes per chunk. Part of the output format: another size gives other bytes.</summary>
    public const int ChunkSize = 256 << 10;

    // BFINAL=1, BTYPE=01 (fixed Huffman), then the end-of-block code: what zlib writes to finish after a sync flush.
    private static readonly byte[] FinalEmptyBlock = [0x03, 0x00];

    /// <summary>
    /// Reads <paramref name="input"/> to its end and writes it deflated to <paramref name="output"/>. <paramref name="observe"/>
    /// sees every chunk read, in order, before it is compressed (to hash it, to count it; it may throw to stop).
    /// </summary>
    public static async Task WriteAsync(Stream input, Stream output, Action<ReadOnlyMemory<byte>> observe, CancellationToken cancellationToken)
    {
        // Enough chunks in flight to keep every core busy while the next one is read, and memory bounded (a few MiB).
        var inFlight = Math.Max(2, Environment.ProcessorCount * 2);
        var pending = new Queue<Task<ReadOnlyMemory<byte>>>();
        try
        {
            while (true)
            {
                var buffer = ArrayPool<byte>.Shared.Rent(ChunkSize);
                int length;
                try
                {
                    length = await ReadChunkAsync(input, buffer, cancellationToken).ConfigureAwait(false);
                    if (length > 0)
                        observe(buffer.AsMemory(0, length));
                }
                catch
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                    throw;
                }

                if (length == 0)
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                    break;
                }

                pending.Enqueue(Task.Run(() => Compress(buffer, length, cancellationToken), CancellationToken.None));
                if (pending.Count >= inFlight)
                    await output.WriteAsync(await pending.Dequeue().ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
                if (length < ChunkSize)
                    break;
            }

            while (pending.Count > 0)
                await output.WriteAsync(await pending.Dequeue().ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
            await output.WriteAsync(FinalEmptyBlock, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            // On failure, let the chunks still compressing end before returning: nothing of this call keeps running.
            foreach (var task in pending)
            {
                try
                {
                    await task.ConfigureAwait(false);
                }
                catch
                {
                    // Already failing for another reason (or cancelled); that reason is what the caller sees.
                }
            }
        }
    }

    /// <summary>Fills <paramref name="buffer"/> unless the input ends first: chunk borders must not depend on how reads return.</summary>
    private static async Task<int> ReadChunkAsync(Stream input, byte[] buffer, CancellationToken cancellationToken)
    {
        var filled = 0;
        int read;
        while (filled < ChunkSize && (read = await input.ReadAsync(buffer.AsMemory(filled, ChunkSize - filled), cancellationToken).ConfigureAwait(false)) > 0)
            filled += read;
        return filled;
    }

    private static ReadOnlyMemory<byte> Compress(byte[] buffer, int length, CancellationToken cancellationToken)
    {
        try
        {
            cancellationToken.ThrowIfCancellationRequested();
            var compressed = new MemoryStream(length / 3 + 64);
            long flushed;
            using (var deflate = new DeflateStream(compressed, CompressionLevel.SmallestSize, leaveOpen: true))
            {
                deflate.Write(buffer, 0, length);
                deflate.Flush(); // a sync flush: everything so far, byte-aligned, in blocks not marked final
                flushed = compressed.Length;
            }

            // Disposing wrote a final block after the flush; the joined stream gets one final block of its own instead.
            return compressed.GetBuffer().AsMemory(0, (int)flushed);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}

using System.IO.Compression;
using Nuke.LambdaRust.Packaging;

namespace Nuke.LambdaRust.Tests.Packaging;

public sealed class ChunkedDeflateTests
{
    [Fact]
    public async Task Many_chunks_and_a_short_last_one_inflate_as_one_stream_to_the_input()
    {
        var input = CompressibleBytes(5 * ChunkedDeflate.ChunkSize + 12_345);

        var deflated = await DeflateAsync(new MemoryStream(input));

        Assert.Equal(input, Inflate(deflated));
        Assert.True(deflated.Length < input.Length / 2, $"{deflated.Length} bytes from {input.Length}: not deflated");
    }

    [Fact]
    public async Task Input_of_exactly_whole_chunks_inflates_to_the_input()
    {
        var input = CompressibleBytes(2 * ChunkedDeflate.ChunkSize);

        Assert.Equal(input, Inflate(await DeflateAsync(new MemoryStream(input))));
    }

    [Fact]
    public async Task Empty_input_is_one_empty_final_block()
    {
        var deflated = await DeflateAsync(new MemoryStream());

        Assert.Equal([0x03, 0x00], deflated);
        Assert.Empty(Inflate(deflated));
    }

    [Fact]
    public async Task The_bytes_do_not_depend_on_how_many_bytes_each_read_returns()
    {
        var input = CompressibleBytes(3 * ChunkedDeflate.ChunkSize + 777);

        var whole = await DeflateAsync(new MemoryStream(input));
        var trickled = await DeflateAsync(new TricklingStream(input, maxRead: 4_093));

        Assert.Equal(whole, trickled);
    }

    [Fact]
    public async Task Every_chunk_is_observed_once_in_order_before_the_stream_ends()
    {
        var input = CompressibleBytes(2 * ChunkedDeflate.ChunkSize + 10);
        var seen = new MemoryStream();

        await ChunkedDeflate.WriteAsync(new MemoryStream(input), new MemoryStream(), chunk => seen.Write(chunk.Span), CancellationToken.None);

        Assert.Equal(input, seen.ToArray());
    }

    [Fact]
    public async Task An_observer_that_throws_stops_the_write_with_its_exception()
    {
        var input = CompressibleBytes(6 * ChunkedDeflate.ChunkSize);
        var chunks = 0;

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => ChunkedDeflate.WriteAsync(
            new MemoryStream(input), new MemoryStream(), _ => { if (++chunks == 3) throw new InvalidOperationException("too big"); }, CancellationToken.None));

        Assert.Equal("too big", error.Message);
        Assert.Equal(3, chunks);
    }

    [Fact]
    public async Task A_cancelled_write_throws_operation_cancelled()
    {
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ChunkedDeflate.WriteAsync(
            new MemoryStream(CompressibleBytes(ChunkedDeflate.ChunkSize * 2)), new MemoryStream(), _ => { }, cancellation.Token));
    }

    private static async Task<byte[]> DeflateAsync(Stream input)
    {
        var output = new MemoryStream();
        await ChunkedDeflate.WriteAsync(input, output, _ => { }, CancellationToken.None);
        return output.ToArray();
    }

    private static byte[] Inflate(byte[] deflated)
    {
        using var inflater = new DeflateStream(new MemoryStream(deflated), CompressionMode.Decompress);
        var output = new MemoryStream();
        inflater.CopyTo(output);
        return output.ToArray();
    }

    /// <summary>Text-like bytes (words from a small vocabulary, seeded): they compress as code and data do, unlike random bytes.</summary>
    private static byte[] CompressibleBytes(int length)
    {
        string[] words = ["bootstrap", "lambda", "arm64", "x86_64", "runtime", "handler", "\n", " ", "event", "0x7f", "{", "}"];
        var random = new Random(42);
        var output = new MemoryStream(length);
        while (output.Length < length)
            output.Write(System.Text.Encoding.ASCII.GetBytes(words[random.Next(words.Length)]));
        return output.ToArray()[..length];
    }

    /// <summary>A stream whose reads return fewer bytes than asked, as pipes and network streams do.</summary>
    private sealed class TricklingStream(byte[] data, int maxRead) : MemoryStream(data)
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, maxRead));

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, maxRead)], cancellationToken);
    }
}

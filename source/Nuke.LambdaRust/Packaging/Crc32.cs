namespace Nuke.LambdaRust.Packaging;

/// <summary>
/// The CRC-32 that zip stores for every entry (ISO-HDLC: reflected polynomial 0xEDB88320, initial and final XOR 0xFFFFFFFF).
/// </summary>
internal struct Crc32
{
    private static readonly uint[] Table = CreateTable();

    private uint _state;

    /// <summary>Starts an empty checksum.</summary>
    public Crc32() => _state = 0xFFFFFFFFu;

    /// <summary>The checksum of everything appended so far.</summary>
    public readonly uint Value => _state ^ 0xFFFFFFFFu;

    /// <summary>Adds bytes to the checksum.</summary>
    public void Append(ReadOnlySpan<byte> data)
    {
        var state = _state;
        foreach (var value in data)
            state = Table[(state ^ value) & 0xFF] ^ (state >> 8);
        _state = state;
    }

    /// <summary>The checksum of <paramref name="data"/>.</summary>
    public static uint Compute(ReadOnlySpan<byte> data)
    {
        var crc = new Crc32();
        crc.Append(data);
        return crc.Value;
    }

    private static uint[] CreateTable()
    {
        var table = new uint[256];
        for (uint index = 0; index < table.Length; index++)
        {
            var value = index;
            for (var bit = 0; bit < 8; bit++)
                value = (value & 1) != 0 ? 0xEDB88320u ^ (value >> 1) : value >> 1;
            table[index] = value;
        }

        return table;
    }
}

namespace Nuke.LambdaRust.Elf;

/// <summary>One program header: where a segment's bytes are in the file and where they are mapped.</summary>
internal sealed record ElfSegment(uint Type, ulong Offset, ulong VirtualAddress, ulong FileSize)
{
    public const uint Load = 1;
    public const uint Dynamic = 2;
    public const uint Interpreter = 3;
}

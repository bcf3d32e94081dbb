namespace Nuke.LambdaRust.Elf;

/// <summary>One section header: its type, where its bytes are, and its linked section (the string table for version needs).</summary>
internal sealed record ElfSection(uint Type, ulong Offset, ulong Size, uint Link, uint Info)
{
    public const uint GnuVersionNeeds = 0x6ffffffe;
}

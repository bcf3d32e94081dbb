namespace Nuke.LambdaRust.Toolchain;

/// <summary>The zig subcommands we write wrappers for.</summary>
internal enum ZigTool
{
    Cc,
    Cxx,
    Ar,
    Ranlib,
}

/// <summary>Names of <see cref="ZigTool"/>.</summary>
internal static class ZigTools
{
    /// <summary>zig's subcommand: <c>cc</c>, <c>c++</c>, <c>ar</c>, <c>ranlib</c>.</summary>
    public static string Subcommand(this ZigTool tool) => tool switch
    {
        ZigTool.Cc => "cc",
        ZigTool.Cxx => "c++",
        ZigTool.Ar => "ar",
        ZigTool.Ranlib => "ranlib",
        _ => throw new ArgumentOutOfRangeException(nameof(tool), tool, null),
    };

    /// <summary>The start of the wrapper's file name: <c>zigcc</c>, <c>zigcxx</c>, <c>zigar</c>, <c>zigranlib</c>.</summary>
    public static string FilePrefix(this ZigTool tool) => tool switch
    {
        ZigTool.Cxx => "zigcxx",
        _ => "zig" + tool.Subcommand(),
    };

    /// <summary>Compilers get the target and the argument filter; ar and ranlib take their arguments as they are.</summary>
    public static bool IsCompiler(this ZigTool tool) => tool is ZigTool.Cc or ZigTool.Cxx;
}

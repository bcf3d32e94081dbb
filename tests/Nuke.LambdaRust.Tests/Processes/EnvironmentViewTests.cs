using Nuke.LambdaRust.Processes;

namespace Nuke.LambdaRust.Tests.Processes;

/// <summary>Which file names a PATH lookup tries in each folder, for each platform (Windows is passed in, so this runs anywhere).</summary>
public class EnvironmentViewTests
{
    private const string PathExt = ".COM;.EXE;.BAT;.CMD";

    [Fact]
    public void On_Windows_a_bare_name_is_tried_only_with_the_PATHEXT_extensions_so_an_sh_shim_beside_it_is_never_chosen()
    {
        Assert.Equal(["zig.com", "zig.exe", "zig.bat", "zig.cmd"], EnvironmentView.CandidateFileNames("zig", windows: true, PathExt));
    }

    [Fact]
    public void On_Windows_a_name_with_an_executable_extension_is_tried_as_it_is()
    {
        Assert.Equal(["zig.exe"], EnvironmentView.CandidateFileNames("zig.exe", windows: true, PathExt));
    }

    [Fact]
    public void On_Windows_a_name_with_another_extension_is_tried_with_PATHEXT_first_and_as_it_is_last()
    {
        Assert.Equal(["python3.11.com", "python3.11.exe", "python3.11.bat", "python3.11.cmd", "python3.11"],
            EnvironmentView.CandidateFileNames("python3.11", windows: true, PathExt));
    }

    [Fact]
    public void On_Windows_without_PATHEXT_the_default_extensions_are_tried()
    {
        Assert.Equal(["cross.com", "cross.exe", "cross.bat", "cross.cmd"], EnvironmentView.CandidateFileNames("cross", windows: true, pathExt: null));
    }

    [Fact]
    public void Off_Windows_the_name_is_tried_as_it_is_whatever_PATHEXT_says()
    {
        Assert.Equal(["zig"], EnvironmentView.CandidateFileNames("zig", windows: false, PathExt));
    }
}

namespace Build;

/// <summary>Executables the tests call directly, and the Debian packages that provide them.</summary>
internal static class TestTools
{
    public static readonly IReadOnlyDictionary<string, string> DebianPackages = new Dictionary<string, string>
    {
        ["unzip"] = "unzip",
        ["zipinfo"] = "unzip",
        ["readelf"] = "binutils",
        ["python3"] = "python3",
        ["aarch64-linux-gnu-as"] = "binutils-aarch64-linux-gnu",
        ["x86_64-linux-gnu-as"] = "binutils-x86-64-linux-gnu",
    };
}

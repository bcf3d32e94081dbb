using Nuke.LambdaRust.Tests.Support;

namespace Nuke.LambdaRust.Tests.Checks;

/// <summary>The Doctor and Verify fixtures (tests/fixtures), copied into a test folder with an offline cargo config for Debian's crate sources.</summary>
internal static class CheckFixtures
{
    /// <summary>reqwest's crate sources (and OpenSSL's, rustls's), as librust-reqwest-dev installs them.</summary>
    public static readonly (string, string)[] Reqwest = [("reqwest-", "librust-reqwest-dev"), ("openssl-sys-", "librust-reqwest-dev"), ("rustls-", "librust-reqwest-dev")];

    /// <summary>Copies the fixture <paramref name="name"/> and returns its Cargo.toml.</summary>
    public static string Copy(TestDirectory directory, string name, params (string FolderPrefix, string DebianPackage)[] crates)
    {
        var workspace = DebianCrates.CopyFixture(name, directory.Combine(name));
        DebianCrates.UseOffline(workspace, crates);
        return Path.Combine(workspace, "Cargo.toml");
    }
}

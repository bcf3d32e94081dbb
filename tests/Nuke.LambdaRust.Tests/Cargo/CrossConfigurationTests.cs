using Nuke.LambdaRust.Cargo;
using Nuke.LambdaRust.Tests.Support;

namespace Nuke.LambdaRust.Tests.Cargo;

public sealed class CrossConfigurationTests : IDisposable
{
    private readonly TestDirectory _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Malformed_Cross_toml_is_reported_with_its_file_line_and_column_and_a_fix()
    {
        _folder.Package(".", "hello");
        var crossToml = _folder.Write("Cross.toml", "[target.x86_64-unknown-linux-gnu]\nimage = \"corp/lambda:1\n");
        var workspace = await _folder.LoadAsync();

        var error = Assert.Throws<LambdaRustException>(() => CrossConfiguration.ConfiguresImage(workspace, "x86_64-unknown-linux-gnu"));

        Assert.Matches("^" + System.Text.RegularExpressions.Regex.Escape(crossToml) + @":2:\d+: ", error.Problem);
        Assert.Contains(crossToml, error.Fix);
    }
}

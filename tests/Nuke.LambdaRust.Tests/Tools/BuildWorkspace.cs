using Nuke.LambdaRust.Tests.Support;
using Nuke.LambdaRust.Tools;

namespace Nuke.LambdaRust.Tests.Tools;

/// <summary>A private copy of the example workspace; each test builds into its own target directory inside it.</summary>
internal sealed class BuildWorkspace : IDisposable
{
    private readonly TestDirectory _directory = new();

    public BuildWorkspace()
    {
        ExampleWorkspace.CopyTo(_directory.Path);
    }

    public string Root => _directory.Path;

    public string Manifest => Path.Combine(Root, "Cargo.toml");

    public RecordingLogger Logger { get; } = new();

    /// <summary>Settings pointed at this copy, with the test's zig and a target directory of its own.</summary>
    public T Configure<T>(T settings, string targetName) where T : LambdaBuildSettings
    {
        var configured = settings.SetManifestPath(Manifest).SetTargetDirectory(Path.Combine(Root, "target-" + targetName)).SetLogger(Logger);
        return configured is ZigBuildSettings zig ? (T)(LambdaBuildSettings)zig.SetZigPath(TestTools.Zig()) : configured;
    }

    public string Write(string relative, string content) => _directory.Write(relative, content);

    public void Dispose() => _directory.Dispose();
}

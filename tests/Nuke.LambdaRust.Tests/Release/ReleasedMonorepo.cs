using Nuke.LambdaRust.Release;

namespace Nuke.LambdaRust.Tests.Release;

/// <summary>
/// The Release fixture released once for arm64 and x86_64 (five functions, ten zips), then again into a second, new
/// folder, once per test class: the compile is the slow part, and the tests share its cargo target directory.
/// </summary>
public sealed class ReleasedMonorepo : IAsyncLifetime
{
    internal Monorepo Repository { get; } = new();

    public string First => Repository.Output("first");

    public string Second => Repository.Output("second");

    public ReleaseReport FirstReport { get; private set; } = null!;

    public ReleaseReport SecondReport { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        FirstReport = await Repository.ReleaseAsync(First);
        SecondReport = await Repository.ReleaseAsync(Second);
    }

    public Task DisposeAsync()
    {
        Repository.Dispose();
        return Task.CompletedTask;
    }
}

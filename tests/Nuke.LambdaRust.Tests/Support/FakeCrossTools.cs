namespace Nuke.LambdaRust.Tests.Support;

/// <summary>
/// Stand-ins for what cannot run here: cross (which builds inside a container) and a container engine whose
/// <c>info</c> answers like a running or a stopped docker.
/// </summary>
internal static class FakeCrossTools
{
    /// <summary>A <c>cross</c> script in <paramref name="folder"/> that only prints its arguments; returns its path.</summary>
    public static string WriteCross(string folder) =>
        TestTools.WriteExecutable(Path.Combine(folder, "cross"), "#!/bin/sh\necho \"cross $*\"\n");

    /// <summary>An engine script called <paramref name="name"/> in <paramref name="folder"/>: <c>info</c> succeeds when running, else fails as docker does with no daemon.</summary>
    public static string WriteEngine(string folder, string name, bool running) =>
        TestTools.WriteExecutable(Path.Combine(folder, name), running
            ? "#!/bin/sh\necho 'Server Version: fake'\n"
            : "#!/bin/sh\necho 'Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?' >&2\nexit 1\n");
}

namespace Nuke.LambdaRust.Tests.Support;

/// <summary>
/// A test that runs a real NUKE 10.1 build. The one sanctioned skip of this suite: where the Pack target could not restore
/// Nuke.Common 10.1.0 (and so left the component out), the test is reported skipped with that reason, never passed.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class NukeFactAttribute : FactAttribute
{
    public NukeFactAttribute()
    {
        if (LocalPackages.NukeUnavailableReason() is { } reason)
            Skip = reason;
    }
}

namespace Nuke.LambdaRust.Model;

/// <summary>The C library a Linux target links against.</summary>
public enum TargetAbi
{
    /// <summary>glibc, dynamically linked (what Amazon Linux ships).</summary>
    Gnu,

    /// <summary>musl, statically linked.</summary>
    Musl,
}

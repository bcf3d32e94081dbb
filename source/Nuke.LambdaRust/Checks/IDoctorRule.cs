namespace Nuke.LambdaRust.Checks;

/// <summary>One of the Doctor's rules: an id (what <c>--allow</c> takes), what it checks, and the check.</summary>
internal interface IDoctorRule
{
    /// <summary>The rule's id, e.g. <c>openssl-sys</c>.</summary>
    string Id { get; }

    /// <summary>What it checks, in one line.</summary>
    string Summary { get; }

    /// <summary>The findings for one build group.</summary>
    IEnumerable<CheckFinding> Check(DoctorContext context);
}

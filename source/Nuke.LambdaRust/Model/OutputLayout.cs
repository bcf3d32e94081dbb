namespace Nuke.LambdaRust.Model;

/// <summary>How packages are laid out under the lambda directory.</summary>
public enum OutputLayout
{
    /// <summary>
    /// cargo-lambda's: <c>&lt;lambda dir&gt;/&lt;bin&gt;/bootstrap[.zip]</c> and <c>&lt;lambda dir&gt;/extensions/&lt;bin&gt;[.zip]</c>,
    /// where SAM, CDK and Terraform look. One architecture per run.
    /// </summary>
    CargoLambda,

    /// <summary>An architecture folder first: <c>&lt;lambda dir&gt;/&lt;arch&gt;/&lt;bin&gt;/bootstrap[.zip]</c>, so both live side by side.</summary>
    ByArchitecture,
}

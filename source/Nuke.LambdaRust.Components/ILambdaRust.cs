namespace Nuke.LambdaRust.Components;

/// <summary>Every Lambda target: <c>class Build : NukeBuild, ILambdaRust</c>.</summary>
public interface ILambdaRust : ILambdaVerify, ILambdaInvoke, ILambdaRelease, ILambdaClean;

namespace Nuke.LambdaRust.Tools;

/// <summary>The program that builds (cargo or cross), the arguments before <c>build</c>, and the environment it needs.</summary>
internal sealed record CompilerInvocation(string Program, IReadOnlyList<string> PrefixArguments, IReadOnlyDictionary<string, string?> Environment);

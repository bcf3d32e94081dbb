namespace Nuke.LambdaRust.Tools;

/// <summary>Changes settings by returning a modified copy, as NUKE's tool wrappers do: <c>s => s.EnableRelease()</c>.</summary>
public delegate TSettings Configure<TSettings>(TSettings settings);

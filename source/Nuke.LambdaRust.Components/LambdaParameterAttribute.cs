using Nuke.LambdaRust.Pipeline;

namespace Nuke.LambdaRust.Components;

/// <summary>
/// Names the <see cref="LambdaParameters.All"/> entry a NUKE <c>[Parameter]</c> member stands for, so the pipeline reads
/// the member's value under that name (<see cref="PipelineSettings.FromParameters"/>) whatever the member is called.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class LambdaParameterAttribute : Attribute
{
    /// <summary>Marks the member as the NUKE form of the parameter named <paramref name="name"/>.</summary>
    /// <param name="name">A <see cref="LambdaParameters"/> name, e.g. <see cref="LambdaParameters.ManifestPath"/>.</param>
    public LambdaParameterAttribute(string name)
    {
        Definition = LambdaParameters.All.SingleOrDefault(p => p.Name == name)
            ?? throw new ArgumentException($"'{name}' is not one of LambdaParameters.All.", nameof(name));
    }

    /// <summary>The parameter's definition.</summary>
    public ParameterDefinition Definition { get; }
}

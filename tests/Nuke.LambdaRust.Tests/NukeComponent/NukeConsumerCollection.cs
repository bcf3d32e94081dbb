namespace Nuke.LambdaRust.Tests.NukeComponent;

/// <summary>The NUKE tests share one user repository and its two compiled builds, and run one after another in it.</summary>
[CollectionDefinition(Name)]
public sealed class NukeConsumerCollection : ICollectionFixture<NukeConsumer>
{
    public const string Name = "NUKE user repository";
}

namespace Nuke.LambdaRust.Host;

/// <summary>One run's shared instances (one per type, made on first use), the names of the targets that will run, and what followed <c>--</c>.</summary>
internal sealed class RunState(
    IReadOnlyDictionary<Type, Func<TargetContext, object>> factories, IReadOnlyCollection<string> runningTargets, IReadOnlyList<string> passThrough)
{
    public IReadOnlyList<string> PassThrough => passThrough;

    private readonly Dictionary<Type, object> _instances = [];

    public T Get<T>(TargetContext context)
        where T : class
    {
        lock (_instances)
        {
            if (_instances.TryGetValue(typeof(T), out var existing))
                return (T)existing;
            if (!factories.TryGetValue(typeof(T), out var create))
            {
                throw new LambdaRustException(
                    $"Target {context.TargetName} asks for a shared {typeof(T).Name}, but the graph has no factory for it.",
                    $"Register one with graph.AddShared<{typeof(T).Name}>(context => ...).");
            }

            var instance = (T)create(context);
            _instances[typeof(T)] = instance;
            return instance;
        }
    }

    public bool WillRun(string target) => runningTargets.Any(t => NameMatching.SameName(t, target));
}

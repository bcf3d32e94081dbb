namespace Nuke.LambdaRust.Checks;

/// <summary>
/// diesel's <c>postgres</c> and <c>mysql</c> backends link libpq (pq-sys) and libmysqlclient (mysqlclient-sys), which
/// no Lambda runtime ships: the function would fail to start.
/// </summary>
internal sealed class DieselNativeClientRule : IDoctorRule
{
    private static readonly (string Crate, string Backend, string Library)[] Clients =
    [
        ("pq-sys", "postgres", "libpq.so.5"),
        ("mysqlclient-sys", "mysql", "libmysqlclient.so"),
    ];

    public string Id => "diesel-native-client";

    public string Summary => "diesel with postgres/mysql links libpq/libmysqlclient (pq-sys, mysqlclient-sys), which Lambda does not ship";

    public IEnumerable<CheckFinding> Check(DoctorContext context)
    {
        // Without a Cargo.lock only diesel itself is known: its backend features say what it will link.
        var clients = Clients.Where(c => context.Named(c.Crate).Any()).Select(c => c.Backend).ToHashSet();
        foreach (var diesel in context.Named("diesel"))
        {
            foreach (var (crateName, backend, library) in Clients.Where(c => diesel.Crate.Features.Contains(c.Backend) && !clients.Contains(c.Backend)))
            {
                yield return DoctorContext.About(diesel, Id, FindingSeverity.Error,
                    $"{diesel.Crate.Label} with its {backend} feature links {library} through {crateName}, which {context.Runtime.Identifier} does not ship: the function fails to start.",
                    Fix(backend, crateName, library));
            }
        }

        foreach (var (crateName, backend, library) in Clients)
        {
            foreach (var crate in context.Named(crateName))
            {
                if (crate.Crate.BuildsNativeLibraryItself)
                    continue;
                // Cargo.lock knows no features: name diesel's backend on its step of the path.
                var path = crate.Path.Select(step => step.StartsWith("diesel ", StringComparison.Ordinal) && !step.Contains('(') ? $"{step} ({backend})" : step).ToList();
                yield return DoctorContext.About(crate, Id, FindingSeverity.Error,
                    $"{crate.Crate.Label} (diesel's {backend} backend) links {library}, which {context.Runtime.Identifier} does not ship: the function fails to start.",
                    Fix(backend, crateName, library)) with { Path = path };
            }
        }
    }

    private string Fix(string backend, string crateName, string library) =>
        $"Use diesel-async with its pure-Rust {(backend == "postgres" ? "tokio-postgres" : "mysql_async")} driver, or link the client statically ({crateName}'s \"bundled\" feature); " +
        $"if you ship {library} yourself (a layer in /opt/lib), --allow {Id}.";
}

using Nuke.LambdaRust.Cargo;
using Nuke.LambdaRust.Tests.Support;

namespace Nuke.LambdaRust.Tests.Cargo;

public sealed class SelectFunctionsTests : IDisposable
{
    private readonly TestDirectory _folder = new();

    public void Dispose() => _folder.Dispose();

    /// <summary>Packages "orders" (bins create-order, list-orders) and "billing" (bins invoice, and a "worker"), "audit" (bin worker).</summary>
    private Task<CargoWorkspace> LoadWorkspaceAsync()
    {
        _folder.Write("Cargo.toml", """
            [workspace]
            members = ["orders", "billing", "audit"]
            resolver = "2"
            """);
        _folder.Package("orders", "orders", withMain: false);
        _folder.Write("orders/src/bin/create-order.rs", "fn main() {}\n");
        _folder.Write("orders/src/bin/list-orders.rs", "fn main() {}\n");
        _folder.Package("billing", "billing", withMain: false);
        _folder.Write("billing/src/bin/invoice.rs", "fn main() {}\n");
        _folder.Write("billing/src/bin/worker.rs", "fn main() {}\n");
        _folder.Package("audit", "audit", withMain: false);
        _folder.Write("audit/src/bin/worker.rs", "fn main() {}\n");
        return _folder.LoadAsync();
    }

    [Fact]
    public async Task Selecting_by_name_returns_those_functions_sorted()
    {
        var workspace = await LoadWorkspaceAsync();

        var selected = workspace.SelectFunctions(["list-orders", "invoice"], []);

        Assert.Equal(["invoice", "list-orders"], selected.Select(f => f.Name));
        Assert.Equal(["billing", "orders"], selected.Select(f => f.Package));
    }

    [Fact]
    public async Task Selecting_by_package_returns_every_function_of_it()
    {
        var workspace = await LoadWorkspaceAsync();

        var selected = workspace.SelectFunctions([], ["orders"]);

        Assert.Equal(["create-order", "list-orders"], selected.Select(f => f.Name));
    }

    [Fact]
    public async Task Unknown_function_error_lists_the_real_functions_and_suggests_the_closest()
    {
        var workspace = await LoadWorkspaceAsync();

        var error = Assert.Throws<LambdaRustException>(() => workspace.SelectFunctions(["create-ordr"], []));

        Assert.Contains("'create-ordr'", error.Problem);
        Assert.Contains("create-order, invoice, list-orders, worker", error.Problem);
        Assert.Contains("Did you mean 'create-order'?", error.Problem);
    }

    [Fact]
    public async Task Function_outside_the_selected_package_is_an_error_saying_where_it_is()
    {
        var workspace = await LoadWorkspaceAsync();

        var error = Assert.Throws<LambdaRustException>(() => workspace.SelectFunctions(["invoice"], ["orders"]));

        Assert.Contains("Functions: create-order, list-orders.", error.Problem);
        Assert.Contains("It is in package 'billing'", error.Problem);
    }

    [Fact]
    public async Task Unknown_package_error_lists_the_packages_and_suggests_the_closest()
    {
        var workspace = await LoadWorkspaceAsync();

        var error = Assert.Throws<LambdaRustException>(() => workspace.SelectFunctions([], ["biling"]));

        Assert.Contains("No package 'biling'", error.Problem);
        Assert.Contains("audit, billing, orders", error.Problem);
        Assert.Contains("Did you mean 'billing'?", error.Problem);
    }

    [Fact]
    public async Task A_bin_name_shared_by_two_packages_is_ambiguous_when_selected_by_name_alone()
    {
        var workspace = await LoadWorkspaceAsync();

        var error = Assert.Throws<LambdaRustException>(() => workspace.SelectFunctions(["worker"], []));

        Assert.Contains("'worker' is ambiguous", error.Problem);
        Assert.Contains("'audit'", error.Problem);
        Assert.Contains("'billing'", error.Problem);
        Assert.Contains("--package", error.Fix);
    }

    [Fact]
    public async Task A_bin_name_shared_by_two_packages_is_fine_once_the_package_is_chosen()
    {
        var workspace = await LoadWorkspaceAsync();

        var selected = workspace.SelectFunctions(["worker"], ["audit"]);

        Assert.Equal([new LambdaFunction("worker", "audit", _folder["audit/Cargo.toml"])], selected);
    }

    [Fact]
    public async Task Selecting_functions_of_unrelated_packages_ignores_a_duplicate_name_elsewhere()
    {
        var workspace = await LoadWorkspaceAsync();

        var selected = workspace.SelectFunctions([], ["orders", "audit"]);

        Assert.Equal(["create-order", "list-orders", "worker"], selected.Select(f => f.Name));
    }

    [Fact]
    public async Task Selecting_everything_with_a_duplicate_name_is_ambiguous()
    {
        var workspace = await LoadWorkspaceAsync();

        var error = Assert.Throws<LambdaRustException>(() => workspace.SelectFunctions([], []));

        Assert.Contains("'worker' is ambiguous", error.Problem);
    }

    [Fact]
    public async Task Selecting_nothing_returns_every_function()
    {
        _folder.Package(".", "single");
        var workspace = await _folder.LoadAsync();

        var selected = workspace.SelectFunctions([], []);

        Assert.Equal(workspace.Functions, selected);
    }
}

namespace Nuke.LambdaRust.Packaging;

/// <summary>
/// The repository a workspace is in: the nearest folder from the workspace root upward that holds <c>.git</c> (a folder,
/// or a file in a worktree or submodule). Includes may reach outside the workspace up to it, never beyond; a workspace in
/// no repository keeps its own root as the limit.
/// </summary>
internal static class RepositoryRoot
{
    public static string Of(string workspaceRoot)
    {
        var root = Path.GetFullPath(workspaceRoot);
        for (var directory = new DirectoryInfo(root); directory is not null; directory = directory.Parent)
        {
            var marker = Path.Combine(directory.FullName, ".git");
            if (Directory.Exists(marker) || File.Exists(marker))
                return directory.FullName;
        }

        return root;
    }
}

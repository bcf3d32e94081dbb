using System.Text.Json.Nodes;
using Nuke.LambdaRust.Model;

namespace Nuke.LambdaRust.Release;

/// <summary>
/// A GitHub Actions matrix of function × architecture, <c>{"include":[{"function":..,"package":..,"arch":..},...]}</c>
/// on one line (what <c>fromJSON</c> takes from a step output).
/// </summary>
public static class MatrixWriter
{
    /// <summary>The matrix's JSON for the released functions and the architectures, sorted by function, then architecture.</summary>
    public static string Render(IEnumerable<FunctionChange> functions, IEnumerable<LambdaArchitecture> architectures)
    {
        ArgumentNullException.ThrowIfNull(functions);
        var archs = architectures.Select(a => a.ToLambdaName()).Distinct().Order(StringComparer.Ordinal).ToList();
        var include = functions.Where(f => f.Included)
            .OrderBy(f => f.Function.Name, StringComparer.Ordinal)
            .SelectMany(f => archs.Select(a => (JsonNode)new JsonObject
            {
                ["function"] = f.Function.Name,
                ["package"] = f.Function.Package,
                ["arch"] = a,
            }))
            .ToArray();
        return new JsonObject { ["include"] = new JsonArray(include) }.ToJsonString();
    }
}

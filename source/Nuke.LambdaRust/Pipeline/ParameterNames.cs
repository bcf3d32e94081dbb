using System.Text;

namespace Nuke.LambdaRust.Pipeline;

/// <summary>How a PascalCase parameter name is spelled on a command line and in environment variables, by NUKE's rules.</summary>
internal static class ParameterNames
{
    /// <summary><c>ManifestPath</c> -> <c>manifest-path</c>, <c>S3Bucket</c> -> <c>s3-bucket</c>, <c>HTTPPort</c> -> <c>http-port</c>.</summary>
    public static string ToKebabCase(string pascalCase) => Split(pascalCase, '-').ToLowerInvariant();

    /// <summary><c>ManifestPath</c> -> <c>MANIFEST_PATH</c>.</summary>
    public static string ToUpperSnakeCase(string pascalCase) => Split(pascalCase, '_').ToUpperInvariant();

    private static string Split(string name, char separator)
    {
        var builder = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (!char.IsLetterOrDigit(c))
            {
                if (builder.Length > 0 && builder[^1] != separator)
                    builder.Append(separator);
                continue;
            }

            if (char.IsUpper(c) && i > 0 && builder.Length > 0 && builder[^1] != separator)
            {
                var previous = name[i - 1];
                var next = i + 1 < name.Length ? name[i + 1] : '\0';
                if (char.IsLower(previous) || char.IsDigit(previous) || (char.IsUpper(previous) && char.IsLower(next)))
                    builder.Append(separator);
            }

            builder.Append(c);
        }

        return builder.ToString();
    }
}

using System.Globalization;
using System.Text.Json;

namespace Nuke.LambdaRust.Runtime;

/// <summary>One event to invoke a function with: a JSON document (checked), and where it came from, for messages.</summary>
public sealed record InvokeEvent
{
    private InvokeEvent(string name, string json)
    {
        Name = name;
        Json = json;
    }

    /// <summary>Where the event came from: its file, or a label such as <c>--data #2</c>.</summary>
    public string Name { get; }

    /// <summary>The event, as the function receives it.</summary>
    public string Json { get; }

    /// <summary>An event given as text.</summary>
    /// <param name="json">A JSON document (Lambda only accepts JSON payloads).</param>
    /// <param name="name">What to call it in messages; <c>event</c> when null.</param>
    /// <exception cref="LambdaRustException">The text is not JSON; the message names it and the position.</exception>
    public static InvokeEvent FromJson(string json, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        var label = string.IsNullOrWhiteSpace(name) ? "event" : name;
        if (Invalid(json) is { } problem)
        {
            throw new LambdaRustException(
                $"{label} is not valid JSON: {problem} The text was: {Shorten(json)}",
                "Pass one JSON document (Lambda only takes JSON events), quoted for your shell, e.g. --data '{\"name\":\"Ada\"}', or put it in a file and pass --event FILE.");
        }

        return new InvokeEvent(label, json);
    }

    /// <summary>An event read from a JSON file.</summary>
    /// <exception cref="LambdaRustException">The file is missing, unreadable, or not JSON (the message names file, line and column).</exception>
    public static InvokeEvent FromFile(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var full = Path.GetFullPath(path);
        if (!File.Exists(full))
        {
            throw new LambdaRustException(
                Directory.Exists(full) ? $"The event file '{full}' is a folder." : $"The event file '{full}' does not exist.",
                "Pass the path of a JSON file (relative paths start at the build's root), or the event itself with --data '{...}'.");
        }

        string json;
        try
        {
            json = File.ReadAllText(full);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new LambdaRustException($"The event file '{full}' cannot be read: {exception.Message}", "Make it readable, or pass another file.", exception);
        }

        if (Invalid(json) is { } problem)
            throw new LambdaRustException($"The event file '{full}' is not valid JSON: {problem}", "Fix the JSON in that file (Lambda only takes JSON events).");
        return new InvokeEvent(full, json);
    }

    /// <summary>Why <paramref name="json"/> is not one JSON document, with line and column; null when it is.</summary>
    private static string? Invalid(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return null;
        }
        catch (JsonException exception)
        {
            var reason = exception.Message;
            var details = reason.IndexOf(" LineNumber:", StringComparison.Ordinal);
            reason = details > 0 ? reason[..details] : reason;
            var line = (exception.LineNumber ?? 0) + 1;
            var column = (exception.BytePositionInLine ?? 0) + 1;
            return string.Create(CultureInfo.InvariantCulture, $"line {line}, column {column}: {reason}");
        }
    }

    private static string Shorten(string text) => text.Length <= 200 ? $"'{text}'" : $"'{text[..200]}...' ({text.Length} characters)";
}

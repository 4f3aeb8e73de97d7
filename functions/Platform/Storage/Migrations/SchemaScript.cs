using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;

namespace Platform.Storage.Migrations;

/// <summary>One numbered migration: the SQL that takes a store from version <see cref="Version"/> − 1 to <see cref="Version"/>.</summary>
/// <param name="Version">The number its file name starts with.</param>
/// <param name="Name">The file name, e.g. <c>0002_revoked_sessions.sql</c>.</param>
/// <param name="Sql">The statements, run in one transaction with the version's row.</param>
public sealed partial record SchemaScript(int Version, string Name, string Sql)
{
    /// <summary>
    /// The <c>.sql</c> files embedded in <paramref name="assembly"/> under the logical folder <paramref name="folder"/>
    /// (<c>&lt;folder&gt;/0001_what.sql</c>, …), in version order.
    /// </summary>
    /// <exception cref="InvalidOperationException">A file without its four-digit number, two files with one number, or a gap.</exception>
    public static IReadOnlyList<SchemaScript> Embedded(Assembly assembly, string folder)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        var prefix = folder.TrimEnd('/') + "/";
        var scripts = assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(prefix, StringComparison.Ordinal))
            .Select(name => Read(assembly, name, name[prefix.Length..]))
            .OrderBy(script => script.Version)
            .ToList();
        for (var i = 0; i < scripts.Count; i++)
        {
            // IMPORTANT: a version is what a database records; a gap or a duplicate would skip or repeat a script.
            if (scripts[i].Version != i + 1)
            {
                throw new InvalidOperationException(
                    $"The schema scripts in {assembly.GetName().Name}:{prefix} must be numbered 0001, 0002, … without gaps or repeats; found {scripts[i].Name} where {i + 1:D4} belongs.");
            }
        }

        return scripts.Count > 0 ? scripts : throw new InvalidOperationException($"No schema scripts are embedded in {assembly.GetName().Name} under {prefix}.");
    }

    private static SchemaScript Read(Assembly assembly, string resource, string name)
    {
        var number = FileName().Match(name);
        if (!number.Success)
        {
            throw new InvalidOperationException($"The schema script {resource} is not named like 0001_what_it_does.sql.");
        }

        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        return new SchemaScript(int.Parse(number.Groups[1].Value, CultureInfo.InvariantCulture), name, reader.ReadToEnd());
    }

    [GeneratedRegex(@"^(\d{4})_[a-z0-9_]+\.sql$")]
    private static partial Regex FileName();
}

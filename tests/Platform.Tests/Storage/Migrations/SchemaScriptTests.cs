using Platform.Storage.Migrations;

namespace Platform.Tests.Storage.Migrations;

public sealed class SchemaScriptTests
{
    [Fact]
    public void Embedded_NumberedFiles_AreReadInVersionOrder()
    {
        var scripts = SchemaScript.Embedded(typeof(SchemaScriptTests).Assembly, "tests/in-order");

        Assert.Equal([1, 2], scripts.Select(s => s.Version));
        Assert.Equal(["0001_notes.sql", "0002_note_bodies.sql"], scripts.Select(s => s.Name));
        Assert.StartsWith("ALTER TABLE notes ADD COLUMN body", scripts[1].Sql, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("tests/gap", "found 0003_c.sql where 0002 belongs")]
    [InlineData("tests/misnamed", "is not named like 0001_what_it_does.sql")]
    [InlineData("tests/none", "No schema scripts are embedded")]
    public void Embedded_FilesThatWouldSkipOrRepeatAVersion_AreRefused(string folder, string expected)
    {
        var refused = Assert.Throws<InvalidOperationException>(() => SchemaScript.Embedded(typeof(SchemaScriptTests).Assembly, folder));

        Assert.Contains(expected, refused.Message, StringComparison.Ordinal);
    }
}

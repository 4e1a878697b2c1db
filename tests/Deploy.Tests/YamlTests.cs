using Playbound.Deploy.Tests.Rendering;

namespace Playbound.Deploy.Tests;

/// <summary>The reader keeps every scalar as the text the YAML file has, whatever YamlDotNet's version would type it as.</summary>
public sealed class YamlTests
{
    [Fact]
    public void Scalars_stay_the_text_of_the_file()
    {
        var document = Yaml.ReadDocuments("""
            flag: true
            count: 010
            ratio: 1.50
            quoted: "yes"
            empty:
            time: 00:00:05
            list: [a, "b"]
            """).Single();

        Assert.Equal("true", (string?)document["flag"]);
        Assert.Equal("010", (string?)document["count"]);
        Assert.Equal("1.50", (string?)document["ratio"]);
        Assert.Equal("yes", (string?)document["quoted"]);
        Assert.Null(document["empty"]);
        Assert.Equal("00:00:05", (string?)document["time"]);
        Assert.Equal(["a", "b"], document["list"]!.AsArray().Select(item => (string?)item));
    }

    [Fact]
    public void Every_document_of_a_stream_is_read_and_empty_ones_are_skipped()
    {
        var documents = Yaml.ReadDocuments("""
            kind: A
            ---
            # only a comment
            ---
            kind: B
            """);

        Assert.Equal(["A", "B"], documents.Select(document => (string?)document["kind"]));
    }
}

using System.Globalization;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.Serialization;

namespace Playbound.Deploy.Tests.Rendering;

/// <summary>
/// Reads (multi-document) YAML into JSON nodes, which are easy to navigate and deep-copy. Every scalar stays a
/// string, as in the YAML text; the checks parse the numbers they compare.
/// </summary>
internal static class Yaml
{
    private static readonly IDeserializer Deserializer = new DeserializerBuilder().Build();

    public static IReadOnlyList<JsonObject> ReadDocuments(string text)
    {
        var parser = new Parser(new StringReader(text));
        parser.Consume<StreamStart>();
        var documents = new List<JsonObject>();
        while (parser.Accept<DocumentStart>(out _))
        {
            if (ToNode(Deserializer.Deserialize<object?>(parser)) is JsonObject document)
            {
                documents.Add(document);
            }
        }

        return documents;
    }

    private static JsonNode? ToNode(object? value) => value switch
    {
        null => null,
        IDictionary<object, object> map => new JsonObject(
            map.Select(pair => KeyValuePair.Create(Scalar(pair.Key), ToNode(pair.Value)))),
        IList<object> list => new JsonArray([.. list.Select(ToNode)]),
        _ => JsonValue.Create(Scalar(value)),
    };

    private static string Scalar(object value) => Convert.ToString(value, CultureInfo.InvariantCulture)!;
}

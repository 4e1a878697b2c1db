using System.Globalization;

namespace Playbound.KafkaMock;

/// <summary>The command line: <c>--bootstrap-file PATH [--brokers N] [--topic NAME:PARTITIONS]...</c>.</summary>
internal sealed record MockArguments(string? BootstrapFile, int Brokers, IReadOnlyList<TopicSpec> Topics)
{
    public const int DefaultBrokers = 3;

    public const string Usage = "usage: Playbound.KafkaMock [--bootstrap-file PATH] [--brokers N] [--topic NAME:PARTITIONS]...";

    public static MockArguments Parse(IReadOnlyList<string> args)
    {
        string? bootstrapFile = null;
        var brokers = DefaultBrokers;
        var topics = new List<TopicSpec>();
        for (var i = 0; i < args.Count; i++)
        {
            var value = i + 1 < args.Count ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value. {Usage}");
            switch (args[i])
            {
                case "--bootstrap-file":
                    bootstrapFile = value;
                    break;
                case "--brokers":
                    brokers = int.Parse(value, CultureInfo.InvariantCulture);
                    if (brokers < 1)
                    {
                        throw new ArgumentException("--brokers must be at least 1");
                    }

                    break;
                case "--topic":
                    topics.Add(ParseTopic(value));
                    break;
                default:
                    throw new ArgumentException($"unknown argument {args[i]}. {Usage}");
            }

            i++;
        }

        return new MockArguments(bootstrapFile, brokers, topics);
    }

    private static TopicSpec ParseTopic(string value)
    {
        var colon = value.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(value.AsSpan(colon + 1), CultureInfo.InvariantCulture, out var partitions) || partitions < 1)
        {
            throw new ArgumentException($"--topic takes NAME:PARTITIONS, got '{value}'");
        }

        return new TopicSpec(value[..colon], partitions);
    }
}

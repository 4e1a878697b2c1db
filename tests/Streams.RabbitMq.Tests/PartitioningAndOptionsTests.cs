namespace Playbound.Streams.RabbitMq.Tests;

public sealed class PartitioningAndOptionsTests
{
    private static readonly RabbitMqStreamOptions Eight = new() { Partitions = 8, ConnectionString = "Host=db" };

    [Fact]
    public void A_stream_always_maps_to_the_same_partition_and_streams_spread_over_all_of_them()
    {
        var partitioner = new StreamPartitioner(Eight);
        var partitions = Enumerable.Range(0, 4000).Select(i => partitioner.PartitionOf("posts", $"user-{i}").Index).ToArray();

        Assert.Equal(partitions, Enumerable.Range(0, 4000).Select(i => new StreamPartitioner(Eight).PartitionOf("posts", $"user-{i}").Index));
        var perPartition = partitions.GroupBy(static p => p).ToDictionary(static g => g.Key, static g => g.Count());
        Assert.Equal(8, perPartition.Count);
        Assert.All(perPartition.Values, static count => Assert.InRange(count, 400, 600));
    }

    [Fact]
    public void Queues_are_named_by_prefix_namespace_and_partition()
    {
        var partitioner = new StreamPartitioner(new RabbitMqStreamOptions { QueuePrefix = "pb", Partitions = 2 });

        Assert.Equal(["pb.posts.0", "pb.posts.1", "pb.follows.0", "pb.follows.1"], partitioner.All(["posts", "follows"]).Select(partitioner.QueueName));
        Assert.Equal("pb.dead-letter", partitioner.DeadLetterQueue);
    }

    [Fact]
    public void Defaults_are_valid()
    {
        Assert.True(new RabbitMqStreamOptionsValidator().Validate(null, Eight).Succeeded);
    }

    [Theory]
    [InlineData("Uri", "http://broker")]
    [InlineData("Partitions", "0")]
    [InlineData("Prefetch", "70000")]
    [InlineData("BatchSize", "0")]
    [InlineData("PoisonRetries", "-1")]
    [InlineData("PoisonRetryBaseDelay", "00:00:00")]
    [InlineData("ConnectionString", "")]
    public void Options_that_cannot_work_are_rejected_naming_the_key(string property, string value)
    {
        var options = new RabbitMqStreamOptions { ConnectionString = "Host=db" };
        var info = typeof(RabbitMqStreamOptions).GetProperty(property)!;
        info.SetValue(options, info.PropertyType == typeof(string)
            ? value
            : info.PropertyType == typeof(TimeSpan) ? TimeSpan.Parse(value, System.Globalization.CultureInfo.InvariantCulture)
            : Convert.ChangeType(value, info.PropertyType, System.Globalization.CultureInfo.InvariantCulture));

        var result = new RabbitMqStreamOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(property == "ConnectionString" ? "ConnectionStrings:Postgres" : property, result.FailureMessage);
    }
}

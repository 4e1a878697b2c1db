namespace Playbound.TestKit.Kafka;

/// <summary>
/// One Kafka mock process per test class (<c>IClassFixture&lt;KafkaMockFixture&gt;</c>), with a topic and its
/// dead-letter topic named uniquely for that class, so classes running in parallel never share data.
/// </summary>
public class KafkaMockFixture : IAsyncLifetime
{
    /// <summary>Partitions of <see cref="Topic"/>.</summary>
    public const int DefaultPartitions = 4;

    private KafkaMockProcess? _process;

    /// <summary>The class's event topic, created by the mock at start.</summary>
    public string Topic { get; } = $"playbound-test-{Guid.NewGuid():N}";

    /// <summary>The class's dead-letter topic (one partition), created by the mock at start.</summary>
    public string DeadLetterTopic => Topic + ".dead-letters";

    /// <summary>How many partitions <see cref="Topic"/> has.</summary>
    public virtual int Partitions => DefaultPartitions;

    /// <summary>Brokers of the mock cluster; one is enough for the protocol and cheapest on a shared CI machine.</summary>
    protected virtual int Brokers => 1;

    /// <summary>The running mock.</summary>
    public KafkaMockProcess Mock => _process ?? throw new InvalidOperationException("the Kafka mock is not started");

    /// <summary>bootstrap.servers of the running mock.</summary>
    public string BootstrapServers => Mock.BootstrapServers;

    /// <summary>Every topic the mock creates at start; a derived fixture may add its own.</summary>
    protected virtual IEnumerable<(string Name, int Partitions)> Topics => [(Topic, Partitions), (DeadLetterTopic, 1)];

    public async Task InitializeAsync() => _process = await KafkaMockProcess.StartAsync(Topics, Brokers);

    public async Task DisposeAsync()
    {
        if (_process is not null)
        {
            await _process.DisposeAsync();
        }
    }
}

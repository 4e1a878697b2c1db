using System.Runtime.InteropServices;

namespace Playbound.KafkaMock;

/// <summary>One librdkafka mock cluster and the client handle that owns it; disposing destroys both.</summary>
internal sealed unsafe class MockCluster : IDisposable
{
    private IntPtr _client;
    private IntPtr _cluster;

    private MockCluster(IntPtr client, IntPtr cluster)
    {
        _client = client;
        _cluster = cluster;
    }

    /// <summary>The brokers' loopback addresses, comma separated, as Kafka clients take them in bootstrap.servers.</summary>
    public string BootstrapServers =>
        Marshal.PtrToStringUTF8(NativeMethods.rd_kafka_mock_cluster_bootstraps(_cluster)) ?? "";

    public static MockCluster Start(int brokers)
    {
        var conf = NativeMethods.rd_kafka_conf_new();
        var error = stackalloc byte[512];
        // The hosting handle never connects anywhere; without this it warns about its missing bootstrap.servers.
        NativeMethods.rd_kafka_conf_set(conf, "log_level", "3", error, 512);
        // rd_kafka_new takes ownership of conf only when it succeeds.
        var client = NativeMethods.rd_kafka_new(NativeMethods.ProducerType, conf, error, 512);
        if (client == IntPtr.Zero)
        {
            NativeMethods.rd_kafka_conf_destroy(conf);
            throw new InvalidOperationException($"rd_kafka_new failed: {Marshal.PtrToStringUTF8((IntPtr)error)}");
        }

        var cluster = NativeMethods.rd_kafka_mock_cluster_new(client, brokers);
        if (cluster == IntPtr.Zero)
        {
            NativeMethods.rd_kafka_destroy(client);
            throw new InvalidOperationException("rd_kafka_mock_cluster_new failed");
        }

        return new MockCluster(client, cluster);
    }

    /// <summary>Creates a topic in the mock itself: the mock has no working Admin API, so clients cannot create it.</summary>
    public void CreateTopic(string name, int partitions, int replicationFactor)
    {
        var error = NativeMethods.rd_kafka_mock_topic_create(_cluster, name, partitions, replicationFactor);
        if (error != 0)
        {
            var reason = Marshal.PtrToStringUTF8(NativeMethods.rd_kafka_err2str(error));
            throw new InvalidOperationException($"creating topic {name} failed: {reason}");
        }
    }

    /// <summary>Shortens the first consumer-group join (3 s by default), which only slows down dev and CI runs.</summary>
    public void SetInitialRebalanceDelay(TimeSpan delay) =>
        NativeMethods.rd_kafka_mock_group_initial_rebalance_delay_ms(_cluster, (int)delay.TotalMilliseconds);

    public void Dispose()
    {
        // The cluster lives inside the client handle's threads: destroy it first.
        if (_cluster != IntPtr.Zero)
        {
            NativeMethods.rd_kafka_mock_cluster_destroy(_cluster);
            _cluster = IntPtr.Zero;
        }

        if (_client != IntPtr.Zero)
        {
            NativeMethods.rd_kafka_destroy(_client);
            _client = IntPtr.Zero;
        }
    }
}

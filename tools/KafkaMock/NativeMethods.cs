using System.Reflection;
using System.Runtime.InteropServices;

namespace Playbound.KafkaMock;

/// <summary>
/// The few librdkafka entry points needed to host its mock cluster (declared in the package's
/// build/native/include/librdkafka/rdkafka_mock.h). Confluent.Kafka does not expose the mock API, hence P/Invoke.
/// </summary>
internal static unsafe partial class NativeMethods
{
    private const string Library = "librdkafka";

    /// <summary>rd_kafka_type_t RD_KAFKA_PRODUCER: the mock cluster needs a client handle to live in; a producer is the lightest.</summary>
    public const int ProducerType = 0;

    /// <summary>Candidates under AppContext.BaseDirectory, in order. The default build links libsasl2.so.3, which
    /// Debian 12 lacks; the centos8 build has no such dependency, so it is the fallback.</summary>
    private static readonly string[] Candidates =
    [
        Path.Combine("runtimes", "linux-x64", "native", "librdkafka.so"),
        Path.Combine("runtimes", "linux-x64", "native", "centos8-librdkafka.so"),
    ];

    /// <summary>Routes every <c>librdkafka</c> import of this assembly to the first bundled build that loads.</summary>
    public static void UseBundledLibrdkafka() =>
        NativeLibrary.SetDllImportResolver(typeof(NativeMethods).Assembly, Resolve);

    private static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (name != Library)
        {
            return IntPtr.Zero;
        }

        foreach (var candidate in Candidates)
        {
            var path = Path.Combine(AppContext.BaseDirectory, candidate);
            if (File.Exists(path) && NativeLibrary.TryLoad(path, out var handle))
            {
                return handle;
            }
        }

        // Last resort: whatever the OS loader finds (e.g. a librdkafka installed system-wide).
        return NativeLibrary.TryLoad(name, assembly, searchPath, out var fallback) ? fallback : IntPtr.Zero;
    }

    [LibraryImport(Library)]
    public static partial IntPtr rd_kafka_conf_new();

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int rd_kafka_conf_set(IntPtr conf, string name, string value, byte* errstr, nuint errstrSize);

    [LibraryImport(Library)]
    public static partial void rd_kafka_conf_destroy(IntPtr conf);

    [LibraryImport(Library)]
    public static partial IntPtr rd_kafka_new(int type, IntPtr conf, byte* errstr, nuint errstrSize);

    [LibraryImport(Library)]
    public static partial void rd_kafka_destroy(IntPtr rk);

    [LibraryImport(Library)]
    public static partial IntPtr rd_kafka_mock_cluster_new(IntPtr rk, int brokerCount);

    [LibraryImport(Library)]
    public static partial void rd_kafka_mock_cluster_destroy(IntPtr mockCluster);

    [LibraryImport(Library)]
    public static partial IntPtr rd_kafka_mock_cluster_bootstraps(IntPtr mockCluster);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int rd_kafka_mock_topic_create(IntPtr mockCluster, string topic, int partitionCount, int replicationFactor);

    [LibraryImport(Library)]
    public static partial void rd_kafka_mock_group_initial_rebalance_delay_ms(IntPtr mockCluster, int delayMs);

    [LibraryImport(Library)]
    public static partial IntPtr rd_kafka_err2str(int error);
}

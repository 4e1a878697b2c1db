// Playbound.KafkaMock: FOR DEVELOPMENT AND CI ONLY.
// Hosts librdkafka's in-memory mock Kafka cluster on loopback so tests and scripts/cluster.sh can speak Kafka's
// protocol where no broker package exists. It keeps everything in memory and picks random ports on every start.
// Production never runs this: it sets Playbound:Streams:Kafka:BootstrapServers to a real Kafka cluster.
using System.Runtime.InteropServices;
using Playbound.KafkaMock;

MockArguments arguments;
try
{
    arguments = MockArguments.Parse(args);
}
catch (Exception ex) when (ex is ArgumentException or FormatException)
{
    Console.Error.WriteLine(ex.Message);
    return 2;
}

NativeMethods.UseBundledLibrdkafka();

var stop = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
void RequestStop(PosixSignalContext context)
{
    // Keep the runtime from terminating the process at once: we want to destroy the cluster and exit 0.
    context.Cancel = true;
    stop.TrySetResult();
}

using var onTerm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, RequestStop);
using var onInt = PosixSignalRegistration.Create(PosixSignal.SIGINT, RequestStop);

using (var cluster = MockCluster.Start(arguments.Brokers))
{
    // Clients of the mock are tests: a 3 s wait before the first group join only slows them down.
    cluster.SetInitialRebalanceDelay(TimeSpan.Zero);
    foreach (var topic in arguments.Topics)
    {
        cluster.CreateTopic(topic.Name, topic.Partitions, replicationFactor: Math.Min(arguments.Brokers, 3));
    }

    var bootstrap = cluster.BootstrapServers;
    if (arguments.BootstrapFile is { } file)
    {
        BootstrapFile.Write(file, bootstrap);
    }

    Console.WriteLine($"Kafka mock cluster ({arguments.Brokers} brokers) listening at {bootstrap}");
    await stop.Task;
    Console.WriteLine("Stopping the Kafka mock cluster");
}

return 0;

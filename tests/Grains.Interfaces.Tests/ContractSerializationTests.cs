using System.Reflection;
using Playbound.Grains;
using Playbound.Runtime.Serialization;

namespace Playbound.Grains.Interfaces.Tests;

/// <summary>Every record in the grain contracts crosses process boundaries, so every one must round-trip the runtime serializer.</summary>
public sealed class ContractSerializationTests
{
    private static readonly Dictionary<Type, object> Samples = new()
    {
        [typeof(string)] = "sample ✓ ünïcode",
        [typeof(int)] = 42,
        [typeof(long)] = 9_007_199_254_740_993L,
        [typeof(bool)] = true,
        [typeof(Guid)] = Guid.Parse("0195f3c0-0000-7000-8000-000000000001"),
        [typeof(DateTimeOffset)] = new DateTimeOffset(2026, 11, 21, 12, 30, 15, 123, TimeSpan.Zero),
    };

    public static TheoryData<Type> ContractRecords()
    {
        var data = new TheoryData<Type>();
        foreach (var type in typeof(IHealthGrain).Assembly.GetExportedTypes()
                     .Where(t => t is { IsClass: true, IsAbstract: false } && t.GetMethod("<Clone>$") is not null))
        {
            data.Add(type);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ContractRecords))]
    public void Every_contract_record_round_trips_the_grain_serializer(Type recordType)
    {
        var constructor = recordType.GetConstructors().OrderByDescending(c => c.GetParameters().Length).First();
        var arguments = constructor.GetParameters().Select(p => Sample(recordType, p)).ToArray();
        var original = constructor.Invoke(arguments);
        var serializer = new GrainSerializer();

        var copy = serializer.Deserialize(serializer.Serialize(original, recordType), recordType);

        Assert.Equal(original, copy);
    }

    private static object Sample(Type recordType, ParameterInfo parameter) =>
        Samples.TryGetValue(parameter.ParameterType, out var sample)
            ? sample
            : throw new InvalidOperationException(
                $"{recordType.Name}.{parameter.Name} has type {parameter.ParameterType}; add a sample value for it to this test.");
}

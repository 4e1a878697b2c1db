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
        foreach (var type in typeof(IHealthGrain).Assembly.GetExportedTypes().Where(IsRecord).Where(t => !t.IsGenericTypeDefinition))
        {
            data.Add(type);
        }

        // Generic records are checked closed over the records they carry.
        data.Add(typeof(Page<PostView>));
        data.Add(typeof(Page<UserSummary>));
        data.Add(typeof(Page<CommentView>));
        return data;
    }

    [Theory]
    [MemberData(nameof(ContractRecords))]
    public void Every_contract_record_round_trips_the_grain_serializer(Type recordType)
    {
        var original = Sample(recordType, recordType.Name);
        var serializer = new GrainSerializer();

        var copy = serializer.Deserialize(serializer.Serialize(original, recordType), recordType);

        // Records compare lists by reference, so compare their serialized forms: equal bytes mean nothing was lost.
        Assert.Equal(serializer.Serialize(original, recordType), serializer.Serialize(copy, recordType));
        Assert.Equal(original.GetType(), copy!.GetType());
    }

    private static bool IsRecord(Type type) => type is { IsClass: true, IsAbstract: false } && type.GetMethod("<Clone>$") is not null;

    private static object Sample(Type type, string path)
    {
        if (Samples.TryGetValue(type, out var sample))
        {
            return sample;
        }

        if (type.IsEnum)
        {
            return Enum.GetValues(type).GetValue(Enum.GetValues(type).Length - 1)!;
        }

        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IReadOnlyList<>))
        {
            var element = type.GetGenericArguments()[0];
            var array = Array.CreateInstance(element, 2);
            array.SetValue(Sample(element, path + "[0]"), 0);
            array.SetValue(Sample(element, path + "[1]"), 1);
            return array;
        }

        if (IsRecord(type))
        {
            var constructor = type.GetConstructors().OrderByDescending(c => c.GetParameters().Length).First();
            return constructor.Invoke([.. constructor.GetParameters().Select(p => Sample(Nullable.GetUnderlyingType(p.ParameterType) ?? p.ParameterType, $"{path}.{p.Name}"))]);
        }

        throw new InvalidOperationException($"{path} has type {type}; add a sample value for it to this test.");
    }
}

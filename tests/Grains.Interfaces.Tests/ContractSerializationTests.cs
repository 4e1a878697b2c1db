using System.Collections.Immutable;
using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Orleans;
using Orleans.Serialization;
using Orleans.Serialization.TypeSystem;
using Playbound.Grains;

namespace Playbound.Grains.Interfaces.Tests;

/// <summary>
/// Every record in the grain contracts crosses silos (grain calls, stream events), so every one must round-trip
/// Orleans' serializer, and travel under a stable <see cref="AliasAttribute"/> name rather than its CLR name, so silos
/// of two versions can share a cluster during a rolling upgrade.
/// </summary>
public sealed class ContractSerializationTests : IDisposable
{
    private static readonly Assembly Contracts = typeof(IHealthGrain).Assembly;

    private static readonly Dictionary<Type, object> Samples = new()
    {
        [typeof(string)] = "sample ✓ ünïcode",
        [typeof(int)] = 42,
        [typeof(long)] = 9_007_199_254_740_993L,
        [typeof(bool)] = true,
        [typeof(Guid)] = Guid.Parse("0195f3c0-0000-7000-8000-000000000001"),
        [typeof(DateTimeOffset)] = new DateTimeOffset(2026, 11, 21, 12, 30, 15, 123, TimeSpan.Zero),
        [typeof(ImmutableHashSet<string>)] = ImmutableHashSet.Create(StringComparer.Ordinal, "7300000000000000001", "sample ✓"),
    };

    private readonly ServiceProvider _services = new ServiceCollection()
        .AddSerializer(serializer => serializer.AddAssembly(Contracts))
        .BuildServiceProvider();

    public void Dispose() => _services.Dispose();

    public static TheoryData<Type> ContractRecords()
    {
        var data = new TheoryData<Type>();
        foreach (var type in Contracts.GetExportedTypes().Where(IsRecord).Where(t => !t.IsGenericTypeDefinition))
        {
            data.Add(type);
        }

        // Generic records are checked closed over the records they carry.
        data.Add(typeof(Page<PostView>));
        data.Add(typeof(Page<UserSummary>));
        data.Add(typeof(Page<CommentView>));
        return data;
    }

    public static TheoryData<Type> GrainInterfaces()
    {
        var data = new TheoryData<Type>();
        foreach (var type in Contracts.GetExportedTypes().Where(IsGrainInterface))
        {
            data.Add(type);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ContractRecords))]
    public void Every_contract_record_round_trips_orleans_serializer(Type recordType)
    {
        var serializer = _services.GetRequiredService<Serializer>();
        var original = Sample(recordType, recordType.Name);

        // As object, so the type travels too (as it does for a stream event or a polymorphic argument).
        var bytes = serializer.SerializeToArray<object>(original);
        var copy = serializer.Deserialize<object>(bytes)!;

        // Records compare lists by reference, so compare serialized forms: equal bytes mean nothing was lost.
        Assert.Equal(original.GetType(), copy.GetType());
        Assert.Equal(bytes, serializer.SerializeToArray<object>(copy));
        if (!HasCollections(recordType))
        {
            Assert.Equal(original, copy);
        }
    }

    [Fact]
    public void Post_events_round_trip_as_their_own_kind_through_their_base_type()
    {
        var serializer = _services.GetRequiredService<Serializer>();
        PostEvent[] events = [new PostPublished("1", "2", DateTimeOffset.UnixEpoch, ["rust"]), new PostDeleted("1", "2")];

        Assert.Equal(events, events.Select(e => serializer.Deserialize<PostEvent>(serializer.SerializeToArray(e))));
    }

    [Fact]
    public void Every_contract_record_is_generated_for_orleans()
    {
        var missing = Contracts.GetExportedTypes().Where(IsRecord).Where(t => t.GetCustomAttribute<GenerateSerializerAttribute>() is null).Select(static t => t.FullName);

        Assert.Empty(missing);
    }

    [Fact]
    public void Every_serializable_type_travels_under_a_unique_alias()
    {
        var serializable = Contracts.GetTypes().Where(static t => t.GetCustomAttribute<GenerateSerializerAttribute>() is not null).ToList();
        var converter = _services.GetRequiredService<TypeConverter>();

        Assert.NotEmpty(serializable);
        Assert.Empty(serializable.Where(static t => t.GetCustomAttributes<AliasAttribute>(inherit: false).Count() != 1).Select(static t => t.FullName));
        var aliases = serializable.Select(static t => Alias(t)).ToList();
        Assert.Equal(aliases.Count, aliases.Distinct(StringComparer.Ordinal).Count());

        // The alias, not the CLR name, is what goes on the wire: renaming or moving a type keeps old silos compatible.
        foreach (var type in serializable.Where(static t => !t.IsGenericTypeDefinition))
        {
            Assert.Equal(Alias(type), converter.Format(type));
        }
    }

    [Theory]
    [MemberData(nameof(GrainInterfaces))]
    public void Every_grain_interface_and_method_has_a_unique_alias(Type grainInterface)
    {
        Assert.NotNull(grainInterface.GetCustomAttribute<AliasAttribute>());
        var methods = grainInterface.GetMethods();
        Assert.NotEmpty(methods);
        Assert.Empty(methods.Where(static m => m.GetCustomAttribute<AliasAttribute>() is null).Select(static m => m.Name));
        var aliases = methods.Select(static m => m.GetCustomAttribute<AliasAttribute>()!.Alias).ToList();
        Assert.Equal(aliases.Count, aliases.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Grain_interface_aliases_are_unique_across_the_contracts()
    {
        var interfaces = Contracts.GetExportedTypes().Where(IsGrainInterface).ToList();
        var aliases = interfaces.Select(static t => t.GetCustomAttribute<AliasAttribute>()?.Alias ?? t.FullName!).ToList();

        Assert.True(interfaces.Count >= 8, $"expected the 8 grain interfaces, found {interfaces.Count}");
        Assert.Equal(aliases.Count, aliases.Distinct(StringComparer.Ordinal).Count());
    }

    /// <summary>The type's own alias: a derived record also inherits its base record's.</summary>
    private static string Alias(Type type) => type.GetCustomAttributes<AliasAttribute>(inherit: false).Single().Alias;

    private static bool IsGrainInterface(Type type) => type.IsInterface && typeof(IAddressable).IsAssignableFrom(type);

    private static bool IsRecord(Type type) => type is { IsClass: true, IsAbstract: false } && type.GetMethod("<Clone>$") is not null;

    private static bool HasCollections(Type type) =>
        type.GetProperties().Any(static p => p.PropertyType.IsGenericType && p.PropertyType.GetGenericTypeDefinition() == typeof(IReadOnlyList<>));

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

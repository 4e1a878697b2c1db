using System.Reflection;

namespace Playbound.Runtime.Activation;

/// <summary>
/// Knows every grain class of the silo: its grain type name, the grain interfaces it implements, and whether it is
/// a stateless worker. Built once at startup from the assemblies given to the silo builder.
/// </summary>
public sealed class GrainTypeManager
{
    private readonly Dictionary<string, GrainClassInfo> _byGrainType = new(StringComparer.Ordinal);
    private readonly Dictionary<Type, List<GrainClassInfo>> _byInterface = [];

    /// <summary>Creates the manager over the grain classes found in <paramref name="assemblies"/>.</summary>
    public GrainTypeManager(IEnumerable<Assembly> assemblies)
    {
        foreach (var type in assemblies.Distinct().SelectMany(static a => a.GetTypes()))
        {
            if (type is { IsClass: true, IsAbstract: false, IsGenericTypeDefinition: false } && typeof(Grain).IsAssignableFrom(type))
            {
                Add(type);
            }
        }
    }

    /// <summary>The grain classes, for stream subscriptions and diagnostics.</summary>
    public IEnumerable<Type> GrainClasses => _byGrainType.Values.Select(static c => c.ClassType);

    /// <summary>The grain type name of a grain class.</summary>
    public static string GrainTypeName(Type grainClass)
    {
        if (grainClass.GetCustomAttribute<GrainTypeAttribute>() is { } attribute)
        {
            return attribute.Name;
        }

        var name = grainClass.Name;
        if (name.EndsWith("Grain", StringComparison.Ordinal) && name.Length > "Grain".Length)
        {
            name = name[..^"Grain".Length];
        }

        return char.ToLowerInvariant(name[0]) + name[1..];
    }

    /// <summary>The grain type that implements <paramref name="grainInterface"/>.</summary>
    /// <exception cref="ArgumentException">No grain class, or more than one, implements it.</exception>
    public string GetGrainType(Type grainInterface)
    {
        if (!_byInterface.TryGetValue(grainInterface, out var classes))
        {
            throw new ArgumentException(
                $"No grain class implements {grainInterface.FullName}. Add the assembly that holds its grain class to the silo with AddGrains().",
                nameof(grainInterface));
        }

        if (classes.Count > 1)
        {
            throw new ArgumentException(
                $"Grain interface {grainInterface.FullName} is implemented by several grain classes ({string.Join(", ", classes.Select(static c => c.ClassType.Name))}); give it one implementation.",
                nameof(grainInterface));
        }

        return classes[0].GrainType;
    }

    /// <summary>The class behind a grain type name.</summary>
    public GrainClassInfo GetGrainClass(string grainType) =>
        _byGrainType.TryGetValue(grainType, out var info)
            ? info
            : throw new ArgumentException($"Unknown grain type '{grainType}'.", nameof(grainType));

    /// <summary>Finds the class behind a grain type name; false for a name this process does not know.</summary>
    public bool TryGetGrainClass(string grainType, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out GrainClassInfo? info) =>
        _byGrainType.TryGetValue(grainType, out info);

    private void Add(Type classType)
    {
        var worker = classType.GetCustomAttribute<StatelessWorkerAttribute>();
        var info = new GrainClassInfo(
            GrainTypeName(classType),
            classType,
            worker is not null,
            worker is null ? 1 : worker.MaxLocalWorkers > 0 ? worker.MaxLocalWorkers : Environment.ProcessorCount);
        if (!_byGrainType.TryAdd(info.GrainType, info))
        {
            throw new InvalidOperationException(
                $"Grain classes {_byGrainType[info.GrainType].ClassType.FullName} and {classType.FullName} share the grain type '{info.GrainType}'; rename one or use [GrainType].");
        }

        foreach (var grainInterface in classType.GetInterfaces())
        {
            if (typeof(IGrain).IsAssignableFrom(grainInterface) && grainInterface != typeof(IGrain) && grainInterface != typeof(IGrainWithStringKey))
            {
                if (!_byInterface.TryGetValue(grainInterface, out var list))
                {
                    _byInterface[grainInterface] = list = [];
                }

                list.Add(info);
            }
        }
    }
}

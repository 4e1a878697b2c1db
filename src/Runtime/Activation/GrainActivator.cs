using System.Collections.Concurrent;
using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Playbound.Runtime.Storage;

namespace Playbound.Runtime.Activation;

/// <summary>
/// Creates grain instances: resolves constructor parameters from the service provider, and creates an
/// <see cref="IPersistentState{TState}"/> for each parameter marked with <see cref="PersistentStateAttribute"/>.
/// The plan per grain class is built once.
/// </summary>
internal sealed class GrainActivator(IServiceProvider services)
{
    private static readonly MethodInfo CreateStateMethod =
        typeof(GrainActivator).GetMethod(nameof(CreateState), BindingFlags.NonPublic | BindingFlags.Static)!;

    private readonly ConcurrentDictionary<Type, ActivationPlan> _plans = new();

    public object CreateInstance(ActivationData activation)
    {
        var plan = _plans.GetOrAdd(activation.GrainClass.ClassType, BuildPlan);
        var arguments = new object?[plan.Parameters.Length];
        for (var i = 0; i < arguments.Length; i++)
        {
            arguments[i] = plan.Parameters[i](activation);
        }

        var instance = plan.Constructor.Invoke(arguments);
        if (instance is Grain grain)
        {
            grain.Activation = activation;
        }

        return instance;
    }

    private ActivationPlan BuildPlan(Type classType)
    {
        var constructors = classType.GetConstructors();
        if (constructors.Length != 1)
        {
            throw new InvalidOperationException($"Grain class {classType.FullName} must have exactly one public constructor.");
        }

        var parameters = constructors[0].GetParameters().Select(p => ResolverFor(classType, p)).ToArray();
        return new ActivationPlan(constructors[0], parameters);
    }

    private Func<ActivationData, object?> ResolverFor(Type classType, ParameterInfo parameter)
    {
        if (parameter.GetCustomAttribute<PersistentStateAttribute>() is { } attribute)
        {
            var type = parameter.ParameterType;
            if (!type.IsGenericType || type.GetGenericTypeDefinition() != typeof(IPersistentState<>))
            {
                throw new InvalidOperationException(
                    $"Parameter {parameter.Name} of {classType.FullName} has [PersistentState] but is not an IPersistentState<T>.");
            }

            var storageName = attribute.StorageName ?? GrainStorageNames.Default;
            var storage = services.GetKeyedService<IGrainStorage>(storageName)
                ?? throw new InvalidOperationException(
                    $"Grain {classType.FullName} needs grain storage '{storageName}', which is not registered.");
            var create = CreateStateMethod.MakeGenericMethod(type.GetGenericArguments()[0])
                .CreateDelegate<Func<string, IGrainStorage, ActivationData, object>>();
            return activation => create(attribute.StateName, storage, activation);
        }

        var serviceType = parameter.ParameterType;
        return activation => activation.Runtime.Services.GetService(serviceType)
            ?? throw new InvalidOperationException(
                $"Cannot activate {classType.FullName}: constructor parameter {parameter.Name} of type {serviceType} is not a registered service.");
    }

    private static object CreateState<TState>(string stateName, IGrainStorage storage, ActivationData activation)
    {
        var state = new PersistentState<TState>(stateName, storage, activation);
        activation.States.Add(state);
        return state;
    }

    private sealed record ActivationPlan(ConstructorInfo Constructor, Func<ActivationData, object?>[] Parameters);
}

namespace Playbound.Runtime.Hosting;

/// <summary>When idle activations are dropped from memory.</summary>
public sealed class GrainCollectionOptions
{
    /// <summary>Default of <see cref="CollectionAge"/>: 15 minutes.</summary>
    public static readonly TimeSpan DefaultCollectionAge = TimeSpan.FromMinutes(15);

    /// <summary>Default of <see cref="CollectionQuantum"/>: one minute.</summary>
    public static readonly TimeSpan DefaultCollectionQuantum = TimeSpan.FromMinutes(1);

    /// <summary>Default of <see cref="DeactivationTimeout"/>: 30 seconds.</summary>
    public static readonly TimeSpan DefaultDeactivationTimeout = TimeSpan.FromSeconds(30);

    /// <summary>How long an activation may go without a call before it is deactivated.</summary>
    public TimeSpan CollectionAge { get; set; } = DefaultCollectionAge;

    /// <summary>How often idle activations are looked for; an idle activation lives at most age + quantum.</summary>
    public TimeSpan CollectionQuantum { get; set; } = DefaultCollectionQuantum;

    /// <summary>How long silo shutdown waits for activations to run OnDeactivateAsync and flush their state.</summary>
    public TimeSpan DeactivationTimeout { get; set; } = DefaultDeactivationTimeout;
}

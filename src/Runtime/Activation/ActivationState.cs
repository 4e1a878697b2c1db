namespace Playbound.Runtime.Activation;

/// <summary>The life cycle of one activation.</summary>
internal enum ActivationState
{
    /// <summary>Created; its activation turn (instance, state read, OnActivateAsync) is queued or running.</summary>
    Activating,

    /// <summary>Serving calls.</summary>
    Valid,

    /// <summary>Its deactivation turn is running; new calls queue and are forwarded to the next activation.</summary>
    Deactivating,

    /// <summary>Gone from the catalog; callers holding it look the grain up again.</summary>
    Invalid,
}

namespace Playbound.Grains.Stores.Redis;

/// <summary>Where <see cref="RedisFeedStore"/> keeps feeds.</summary>
public sealed class RedisFeedStoreOptions
{
    /// <summary>Default of <see cref="KeyPrefix"/>.</summary>
    public const string DefaultKeyPrefix = "playbound";

    /// <summary>Prefixes every key, so services sharing one Redis keep their feeds apart (the cluster uses its service id).</summary>
    public string KeyPrefix { get; set; } = DefaultKeyPrefix;
}

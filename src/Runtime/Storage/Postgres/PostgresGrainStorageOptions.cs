namespace Playbound.Runtime.Storage;

/// <summary>Options of <see cref="PostgresGrainStorage"/>, the cluster store.</summary>
public sealed class PostgresGrainStorageOptions
{
    /// <summary>The default of <see cref="MaxBatchSize"/>.</summary>
    public const int DefaultMaxBatchSize = 512;

    /// <summary>The default of <see cref="Schema"/>.</summary>
    public const string DefaultSchema = "public";

    /// <summary>The Npgsql connection string, e.g. <c>Host=db;Username=playbound;Password=...;Database=playbound</c>. Required.</summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>The most writes and clears committed in one transaction by the group-commit writer.</summary>
    public int MaxBatchSize { get; set; } = DefaultMaxBatchSize;

    /// <summary>
    /// The schema holding the provider's tables; created when missing. A plain identifier (letters, digits,
    /// underscores); tests use a fresh one per run.
    /// </summary>
    public string Schema { get; set; } = DefaultSchema;
}

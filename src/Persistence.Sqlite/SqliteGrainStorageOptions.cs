using Orleans;
using Orleans.Storage;

namespace Playbound.Persistence.Sqlite;

/// <summary>Options of a <see cref="SqliteGrainStorage"/>.</summary>
public sealed class SqliteGrainStorageOptions : IStorageProviderSerializerOptions
{
    /// <summary>Default for <see cref="MaxBatchSize"/>.</summary>
    public const int DefaultMaxBatchSize = 512;

    /// <summary>Default for <see cref="InitStage"/>: the table exists before any grain activates.</summary>
    public const int DefaultInitStage = ServiceLifecycleStage.ApplicationServices;

    /// <summary>Path of the SQLite database file; its directory is created when missing. Required.</summary>
    public string DatabasePath { get; set; } = "";

    /// <summary>
    /// Most writes committed in one transaction. Writes that arrive while a transaction commits wait and go in the
    /// next one together (group commit), so concurrent grains do not queue for SQLite's single writer one by one.
    /// </summary>
    public int MaxBatchSize { get; set; } = DefaultMaxBatchSize;

    /// <summary>The silo lifecycle stage at which the table is created and the writer starts.</summary>
    public int InitStage { get; set; } = DefaultInitStage;

    /// <summary>How states are turned into bytes; Orleans' default grain storage serializer when not set.</summary>
    public IGrainStorageSerializer GrainStorageSerializer { get; set; } = null!;
}

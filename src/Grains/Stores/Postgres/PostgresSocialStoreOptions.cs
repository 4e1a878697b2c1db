namespace Playbound.Grains.Stores.Postgres;

/// <summary>Options of the cluster social stores: tables in one PostgreSQL schema.</summary>
public sealed class PostgresSocialStoreOptions
{
    /// <summary>The default of <see cref="Schema"/>.</summary>
    public const string DefaultSchema = "public";

    /// <summary>The Npgsql connection string, e.g. <c>Host=db;Username=playbound;Password=...;Database=playbound</c>. Required.</summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>
    /// The schema holding the tables; created when missing. A plain identifier (letters, digits, underscores, at most
    /// 63 characters), since it is spliced into SQL.
    /// </summary>
    public string Schema { get; set; } = DefaultSchema;
}

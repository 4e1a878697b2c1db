using System.Data.Common;

namespace Playbound.Grains.Stores.Sql;

/// <summary>The current row of a query, read by column ordinal.</summary>
internal readonly struct Row(DbDataReader reader, SocialDatabase database)
{
    /// <summary>A 64-bit integer column.</summary>
    public long Int64(int ordinal) => reader.GetInt64(ordinal);

    /// <summary>An id column as its decimal string.</summary>
    public string Id(int ordinal) => SocialValues.IdText(reader.GetInt64(ordinal));

    /// <summary>A nullable id column.</summary>
    public string? OptionalId(int ordinal) => reader.IsDBNull(ordinal) ? null : Id(ordinal);

    /// <summary>A text column.</summary>
    public string Text(int ordinal) => reader.GetString(ordinal);

    /// <summary>A boolean column.</summary>
    public bool Flag(int ordinal) => reader.GetBoolean(ordinal);

    /// <summary>A time column.</summary>
    public DateTimeOffset Time(int ordinal) => database.ReadTime(reader, ordinal);
}

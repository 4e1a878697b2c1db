namespace Playbound.Grains.Ids;

/// <summary>Hands out unique, time-sortable ids for users, posts, comments and notifications.</summary>
public interface IIdGenerator
{
    /// <summary>A new id, rendered as a decimal string; later ids compare greater (see <see cref="SnowflakeId"/>).</summary>
    string NewId();
}

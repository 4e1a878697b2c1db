namespace Playbound.Runtime.Tests.Infrastructure;

public enum StorageKind
{
    Memory,
    Sqlite,
    Postgres,
}

using Microsoft.Extensions.DependencyInjection;
using Playbound.Runtime.Hosting;

namespace Playbound.Runtime.Tests.Infrastructure;

/// <summary>Registers the default grain storage of a kind, against the real databases the test script provides.</summary>
public static class TestStorage
{
    public static void Add(IServiceCollection services, StorageKind kind, string database)
    {
        switch (kind)
        {
            case StorageKind.Memory:
                services.AddMemoryGrainStorage();
                break;
            case StorageKind.Sqlite:
                services.AddSqliteGrainStorage(o => o.DataDirectory = TestDatabases.SqliteDirectory(database));
                break;
            case StorageKind.Postgres:
                services.AddPostgresGrainStorage(o =>
                {
                    o.ConnectionString = TestDatabases.PostgresConnectionString;
                    o.Schema = TestDatabases.PostgresSchema(database);
                });
                break;
        }
    }
}

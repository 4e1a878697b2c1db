using Microsoft.Extensions.DependencyInjection;
using Playbound.Runtime.Hosting;

namespace Playbound.Runtime.Tests.Infrastructure;

/// <summary>Registers the default grain storage of a kind, against the real databases the test script provides.</summary>
public static class TestStorage
{
    public static void Add(IServiceCollection services, StorageKind kind, string? dataDirectory)
    {
        switch (kind)
        {
            case StorageKind.Memory:
                services.AddMemoryGrainStorage();
                break;
            case StorageKind.Sqlite:
                var directory = dataDirectory ?? TestDatabases.NewSqliteDirectory();
                services.AddSqliteGrainStorage(o => o.DataDirectory = directory);
                break;
            case StorageKind.Postgres:
                services.AddPostgresGrainStorage(o => o.ConnectionString = TestDatabases.PostgresConnectionString);
                break;
        }
    }
}

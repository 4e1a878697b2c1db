using Orleans.Storage;
using Playbound.TestKit.Persistence;

namespace Playbound.Persistence.Sqlite.Tests;

public sealed class SqliteGrainStorageConformanceTests : GrainStorageConformance, IAsyncLifetime
{
    private readonly SqliteStorageFiles _files = new();

    protected override async Task<IGrainStorage> CreateStorageAsync() => await _files.StartAsync();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _files.DisposeAsync().AsTask();
}

using Playbound.Runtime.Storage;

namespace Playbound.Runtime.Tests.Storage;

/// <summary>The conformance suite on <see cref="MemoryGrainStorage"/>; a "restart" reopens the same in-process data.</summary>
public sealed class MemoryGrainStorageTests : GrainStorageConformanceTests
{
    private readonly MemoryStorageData _data = new();

    protected override Task<IGrainStorage> CreateProviderAsync() =>
        Task.FromResult<IGrainStorage>(new MemoryGrainStorage(_data, Serializer, Signal, TimeProvider.System));
}

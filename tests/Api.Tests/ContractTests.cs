using Playbound.Api.Tests.Infrastructure;

namespace Playbound.Api.Tests;

// The Api contract of tests/TestKit/ApiContract, run against the embedded Api (one silo in process) of ApiFixture.
// tests/Cluster.Tests binds the same classes to a cluster of processes.

[Collection(ApiCollection.Name)]
public sealed class AuthTests(ApiFixture api) : AuthContract(api);

[Collection(ApiCollection.Name)]
public sealed class ErrorContractTests(ApiFixture api) : ErrorContract(api);

[Collection(ApiCollection.Name)]
public sealed class FeedTests(ApiFixture api) : FeedContract(api);

[Collection(ApiCollection.Name)]
public sealed class NotificationsTests(ApiFixture api) : NotificationsContract(api);

[Collection(ApiCollection.Name)]
public sealed class OperationsTests(ApiFixture api) : OperationsContract(api);

[Collection(ApiCollection.Name)]
public sealed class PostsTests(ApiFixture api) : PostsContract(api);

[Collection(ApiCollection.Name)]
public sealed class RelationsTests(ApiFixture api) : RelationsContract(api);

[Collection(ApiCollection.Name)]
public sealed class SearchTests(ApiFixture api) : SearchContract(api);

[Collection(ApiCollection.Name)]
public sealed class UsersTests(ApiFixture api) : UsersContract(api);

[Collection(ApiCollection.Name)]
public sealed class AccountDeletionTests(ApiFixture api) : AccountDeletionContract(api);

[Collection(ApiCollection.Name)]
public sealed class RepostsTests(ApiFixture api) : RepostsContract(api);

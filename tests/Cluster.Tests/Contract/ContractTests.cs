using Playbound.Cluster.Tests.Infrastructure;

namespace Playbound.Cluster.Tests.Contract;

// The Api contract of tests/TestKit/ApiContract, run against this project's ApiFixture: three silos and two Api nodes
// as child processes, every client alternating between the Api nodes. tests/Api.Tests binds the same classes to the
// embedded Api.

[Collection(ApiCollection.Name)]
public sealed class AuthTests(ApiFixture cluster) : AuthContract(cluster);

[Collection(ApiCollection.Name)]
public sealed class ErrorContractTests(ApiFixture cluster) : ErrorContract(cluster);

[Collection(ApiCollection.Name)]
public sealed class FeedTests(ApiFixture cluster) : FeedContract(cluster);

[Collection(ApiCollection.Name)]
public sealed class NotificationsTests(ApiFixture cluster) : NotificationsContract(cluster);

[Collection(ApiCollection.Name)]
public sealed class OperationsTests(ApiFixture cluster) : OperationsContract(cluster);

[Collection(ApiCollection.Name)]
public sealed class PostsTests(ApiFixture cluster) : PostsContract(cluster);

[Collection(ApiCollection.Name)]
public sealed class UsersTests(ApiFixture cluster) : UsersContract(cluster);

[Collection(ApiCollection.Name)]
public sealed class SearchTests(ApiFixture cluster) : SearchContract(cluster);

[Collection(ApiCollection.Name)]
public sealed class RelationsTests(ApiFixture cluster) : RelationsContract(cluster);

[Collection(ApiCollection.Name)]
public sealed class AccountDeletionTests(ApiFixture cluster) : AccountDeletionContract(cluster);

[Collection(ApiCollection.Name)]
public sealed class RepostsTests(ApiFixture cluster) : RepostsContract(cluster);

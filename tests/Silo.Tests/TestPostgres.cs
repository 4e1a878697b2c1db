namespace Playbound.Silo.Tests;

/// <summary>The PostgreSQL the tests run against: <c>PLAYBOUND_TEST_POSTGRES</c>, or the one scripts/ensure-postgres.sh starts.</summary>
internal static class TestPostgres
{
    public static readonly string ConnectionString =
        Environment.GetEnvironmentVariable("PLAYBOUND_TEST_POSTGRES")
        ?? "Host=127.0.0.1;Port=5432;Username=playbound;Password=playbound;Database=playbound_test";
}

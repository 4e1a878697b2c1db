using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Playbound.Grains.Stores;

namespace Playbound.Grains.Search;

/// <summary>
/// Once per start, indexes for tag pages and search the posts written before this version had them, a page at a time
/// in the background (bulk writes, behind requests'), so an upgraded database finds its old posts too. Finding nothing
/// to do costs one query. A failure is logged and retried on the next start; new posts are indexed as they are written.
/// </summary>
internal sealed partial class SearchBackfillService(ISearchIndex index, ILogger<SearchBackfillService> logger) : BackgroundService
{
    /// <summary>Posts indexed per transaction.</summary>
    public const int PageSize = 500;

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var indexed = 0;
        try
        {
            string? after = null;
            while (await index.IndexUnsearchedAsync(after, PageSize, stoppingToken).ConfigureAwait(false) is { } page)
            {
                after = page.LastPostId;
                indexed += page.Count;
            }

            if (indexed > 0)
            {
                Indexed(indexed);
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            Failed(exception);
        }
    }

    [LoggerMessage(3000, LogLevel.Information, "Indexed {Count} posts written before tag pages and search existed")]
    private partial void Indexed(int count);

    [LoggerMessage(3001, LogLevel.Warning, "Indexing older posts for tag pages and search failed; the next start tries again")]
    private partial void Failed(Exception exception);
}

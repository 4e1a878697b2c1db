using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;
using Playbound.Grains;
using Playbound.Grains.Json;

namespace Playbound.Api.Contracts;

/// <summary>
/// 200 with a page of posts, as <c>TypedResults.Ok</c> would answer it, but with the views written by
/// <see cref="PostViewJsonConverter"/> (the same JSON, cheaper: a feed page is the most frequent response). The
/// converter is not in the application's JSON options, where OpenAPI would see a converted type as a schema without
/// properties; this result declares <see cref="PageResponse{T}"/> of <see cref="PostView"/> for OpenAPI instead.
/// </summary>
/// <param name="page">The page.</param>
public sealed class PostPageResult(PageResponse<PostView> page) : IResult, IEndpointMetadataProvider, IStatusCodeHttpResult, IValueHttpResult, IValueHttpResult<PageResponse<PostView>>
{
    // The application's options plus the converter, made once per options instance.
    private static readonly ConditionalWeakTable<JsonSerializerOptions, JsonSerializerOptions> WithConverter = [];

    /// <inheritdoc />
    public int? StatusCode => StatusCodes.Status200OK;

    /// <inheritdoc />
    public PageResponse<PostView> Value => page;

    /// <inheritdoc />
    object? IValueHttpResult.Value => page;

    /// <inheritdoc />
    public Task ExecuteAsync(HttpContext httpContext)
    {
        var options = httpContext.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        var written = WithConverter.GetValue(options, static o => new JsonSerializerOptions(o) { Converters = { new PostViewJsonConverter() } });
        httpContext.Response.StatusCode = StatusCodes.Status200OK;
        return httpContext.Response.WriteAsJsonAsync(page, written, httpContext.RequestAborted);
    }

    /// <inheritdoc />
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(PageResponse<PostView>), ["application/json"]));
}

using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;

namespace Playbound.Api.Hardening;

/// <summary>
/// Refuses request bodies over <see cref="MaxBodyBytes"/> with 413 ProblemDetails before any endpoint reads them.
/// A declared <c>Content-Length</c> is checked up front; a chunked body (no length) is read here up to the limit and
/// handed on from memory. Kestrel enforces the same limit, but the framework's JSON binding swallows Kestrel's 413 as
/// an I/O error, so the check has to happen before binding.
/// </summary>
public sealed class RequestBodyLimitMiddleware(RequestDelegate next, IProblemDetailsService problems)
{
    /// <summary>The largest accepted request body: 1 MiB.</summary>
    public const long MaxBodyBytes = 1024 * 1024;

    private const int CopyBufferBytes = 16 * 1024;

    /// <summary>Runs the check, then the rest of the pipeline.</summary>
    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (request.ContentLength > MaxBodyBytes)
        {
            await RejectAsync(context);
            return;
        }

        if (request.ContentLength is null && context.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody == true)
        {
            var buffered = await ReadBoundedAsync(request.Body, context.RequestAborted);
            if (buffered is null)
            {
                await RejectAsync(context);
                return;
            }

            request.Body = buffered;
            request.ContentLength = buffered.Length;
        }

        await next(context);
    }

    /// <summary>The whole body in memory, or null once it exceeds the limit.</summary>
    private static async Task<MemoryStream?> ReadBoundedAsync(Stream body, CancellationToken cancellationToken)
    {
        var buffer = new MemoryStream();
        var chunk = new byte[CopyBufferBytes];
        try
        {
            int read;
            while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (buffer.Length + read > MaxBodyBytes)
                {
                    return null;
                }

                buffer.Write(chunk, 0, read);
            }
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return null;
        }

        buffer.Position = 0;
        return buffer;
    }

    private async Task RejectAsync(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;

        // The unread body stays on the connection; closing it after the response saves reading up to the client's size.
        context.Response.Headers.Connection = "close";
        await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status413PayloadTooLarge,
                Title = "Payload Too Large",
                Detail = $"The request body may be at most {MaxBodyBytes} bytes.",
            },
        });
    }
}

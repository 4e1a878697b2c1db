using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Playbound.Hosting.Errors;

/// <summary>
/// Turns every exception that escapes an endpoint into RFC 9457 ProblemDetails: a request the framework could not
/// bind (<see cref="BadHttpRequestException"/>) keeps its 4xx status and says which field was wrong; anything else
/// is a 500 that names nothing internal, so a stack trace or type name never reaches a client (a timed-out grain
/// call is a 503 with <c>Retry-After</c>).
/// </summary>
internal sealed partial class ProblemDetailsExceptionHandler(
    IProblemDetailsService problemDetails, ILogger<ProblemDetailsExceptionHandler> logger) : IExceptionHandler
{
    private const string RetryAfterSeconds = "1";

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ProblemDetails problem;
        if (exception is BadHttpRequestException badRequest)
        {
            LogBadRequest(logger, badRequest.StatusCode, badRequest.Message);
            problem = BadRequestProblems.From(badRequest);
        }
        else if (httpContext.RequestAborted.IsCancellationRequested && exception is OperationCanceledException)
        {
            // The client went away; nobody reads this response, and it is not a server fault worth an error log.
            return true;
        }
        else if (exception is TimeoutException or RedisConnectionException)
        {
            // A grain call ran out of time (the silo is overloaded or failing over), or Redis, where cluster feeds live,
            // is away for a moment: asking again later may work.
            LogUnhandled(logger, exception, httpContext.Request.Method, httpContext.Request.Path);
            httpContext.Response.Headers.RetryAfter = RetryAfterSeconds;
            problem = new ProblemDetails { Status = StatusCodes.Status503ServiceUnavailable, Title = "The service is busy; retry shortly." };
        }
        else
        {
            LogUnhandled(logger, exception, httpContext.Request.Method, httpContext.Request.Path);
            problem = new ProblemDetails
            {
                Status = StatusCodes.Status500InternalServerError,
                Title = "An unexpected error occurred.",
            };
        }

        httpContext.Response.StatusCode = problem.Status!.Value;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem });
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Debug, Message = "Rejected a request the framework could not bind ({StatusCode}): {Reason}")]
    private static partial void LogBadRequest(ILogger logger, int statusCode, string reason);

    [LoggerMessage(EventId = 2, Level = LogLevel.Error, Message = "Unhandled exception for {Method} {Path}")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, string method, PathString path);
}

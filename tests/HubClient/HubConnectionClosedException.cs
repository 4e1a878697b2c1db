namespace Playbound.HubClient;

/// <summary>
/// The connection ended (closed by the server, with or without an error, lost, or disposed) before a call completed
/// or a message arrived; pending invocations and subscriptions fail with it.
/// </summary>
public sealed class HubConnectionClosedException : Exception
{
    internal HubConnectionClosedException(string message, string? serverError = null, Exception? inner = null)
        : base(serverError is null ? message : $"{message} Server error: {serverError}", inner) => ServerError = serverError;

    /// <summary>The error of the server's close message; null when it closed cleanly or the client ended the connection.</summary>
    public string? ServerError { get; }
}

namespace Playbound.HubClient;

/// <summary>The server completed an invocation with an error, e.g. a HubException, an unknown method or bad arguments.</summary>
public sealed class HubInvocationException : Exception
{
    internal HubInvocationException(string method, string serverError)
        : base($"'{method}' failed on the server: {serverError}") => ServerError = serverError;

    /// <summary>The error text exactly as the server sent it.</summary>
    public string ServerError { get; }
}

namespace Playbound.Api.Extensions;

/// <summary>Serves the web page in <c>wwwroot</c> (plain HTML, JS and CSS; the SignalR client is fetched at build time).</summary>
public static class WebClientExtensions
{
    /// <summary>
    /// Serves <c>/</c> as <c>index.html</c> and the files under <c>wwwroot</c>. Static files answer only requests that
    /// no endpoint matched, so <c>/api</c> routes, their 401s and their ProblemDetails are unchanged; the page itself
    /// needs no token (it holds none until the user logs in).
    /// </summary>
    public static WebApplication UseWebClient(this WebApplication app)
    {
        app.UseDefaultFiles();
        app.UseStaticFiles();
        return app;
    }
}

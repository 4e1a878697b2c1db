using Playbound.Api.Apis;
using Playbound.Api.Extensions;
using Playbound.Api.Realtime;
using Playbound.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddPlayboundGateway();
builder.AddApplicationServices();

var app = builder.Build();
app.UseApplicationMiddleware();
app.UseWebClient();
app.MapDefaultEndpoints();
app.MapOpenApi();
app.MapAuthApi();
app.MapUsersApi();
app.MapAccountApi();
app.MapRelationsApi();
app.MapPostsApi();
app.MapRepostsApi();
app.MapFeedApi();
app.MapNotificationsApi();
app.MapTagsApi();
app.MapSearchApi();
app.MapFeedHub();
app.Run();

/// <summary>The Api's entry point, visible to integration tests.</summary>
public partial class Program;

using Playbound.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddPlayboundSilo();

var app = builder.Build();
app.UseServiceDefaults();
app.MapDefaultEndpoints();
app.Run();

/// <summary>The silo host's entry point, visible to integration tests.</summary>
public partial class Program;

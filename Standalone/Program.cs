using SagaFunctions.Standalone;

var builder = WebApplication.CreateBuilder(args);
builder.AddStandalone();

var app = builder.Build();
app.MapStandalone();
app.Run();

/// <summary>The entry point; public so WebApplicationFactory can host it in tests.</summary>
public partial class Program;

using SagaFunctions.Participants;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddProblemDetails();
builder.Services.AddHealthChecks();
builder.Services.AddParticipants(builder.Configuration);

var app = builder.Build();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.MapHealthChecks("/healthz");
app.MapParticipants();
app.Run();

/// <summary>The entry point, public for <c>WebApplicationFactory</c> in the tests.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1515", Justification = "WebApplicationFactory<Program> in public test classes needs a public entry point.")]
public partial class Program;

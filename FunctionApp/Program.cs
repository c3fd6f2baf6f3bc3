using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;
using SagaFunctions.FunctionApp;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureSagaFunctionApp();
builder.Build().Run();

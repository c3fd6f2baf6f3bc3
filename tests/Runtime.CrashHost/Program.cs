using SagaFunctions.Runtime.CrashHost;

return await CrashHostProgram.RunAsync(args);

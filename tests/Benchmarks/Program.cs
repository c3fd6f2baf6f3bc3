using SagaFunctions.Benchmarks;

return await BenchmarkRunner.RunAsync(args);

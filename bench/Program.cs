using BenchmarkDotNet.Running;

// `dotnet run -c Release --project bench -- --filter '*'` runs everything; add `--job short` for a quick pass.
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);

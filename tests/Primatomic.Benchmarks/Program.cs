using Primatomic.Benchmarks;
using Primatomic.Benchmarks.Scale;

// "scale" has options of its own (flags such as --quick); the other suites share BenchOptions.
if (args.FirstOrDefault() == "scale")
{
    return await ScaleBenchmark.RunAsync(ScaleOptions.Parse(args[1..]));
}

var options = BenchOptions.Parse(args);
return options.Suite switch
{
    "append" => await AppendBenchmark.RunAsync(options),
    "views" or "views-apply" => await ViewsBenchmark.RunAsync(options),
    _ => Fail($"unknown benchmark suite '{options.Suite}'"),
};

static int Fail(string message)
{
    Console.Error.WriteLine(message);
    return 2;
}

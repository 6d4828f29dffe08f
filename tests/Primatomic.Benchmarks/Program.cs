using Primatomic.Benchmarks;

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

using System.Buffers;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using RunTasks.Analysis.Engine;
using RunTasks.Analysis.Policies;

namespace RunTasks.Benchmarks;

/// <summary>Read + evaluate with the default policy set, against a bare Utf8JsonReader pass over the same file.</summary>
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 5)]
[MemoryDiagnoser]
public class PlanAnalysisBenchmarks
{
    private static readonly EvaluationScope Scope = new("acme", "Default Project", "bench", "post_plan");
    private readonly PlanAnalyzer _analyzer = new(DefaultPolicies.Provider);
    private string _path = string.Empty;

    [Params(1_000, 15_000, 100_000)]
    public int Resources { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _path = BenchmarkPlans.PathFor(Resources);
        Console.WriteLine($"// plan {Resources}: {new FileInfo(_path).Length} bytes");
    }

    [Benchmark(Baseline = true)]
    public async Task<long> BareUtf8JsonReader()
    {
        await using var stream = BenchmarkPlans.Open(_path);
        return await BareReader.CountTokensAsync(stream);
    }

    [Benchmark]
    public async Task<bool> AnalyzeWithDefaultPolicies()
    {
        await using var stream = BenchmarkPlans.Open(_path);
        var report = await _analyzer.AnalyzeAsync(stream, Scope, CancellationToken.None);
        return report.Passed;
    }
}

/// <summary>The floor: tokenise the stream with Utf8JsonReader and the same buffering, doing nothing with the tokens.</summary>
internal static class BareReader
{
    public static async Task<long> CountTokensAsync(Stream stream)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            var state = new JsonReaderState(new JsonReaderOptions { MaxDepth = 256 });
            long tokens = 0;
            int start = 0, end = 0;
            bool final = false;
            while (!final)
            {
                buffer.AsSpan(start, end - start).CopyTo(buffer);
                end -= start;
                start = 0;
                int read = await stream.ReadAsync(buffer.AsMemory(end));
                final = read == 0;
                end += read;
                (int consumed, long count) = Scan(buffer.AsSpan(0, end), final, ref state);
                start = consumed;
                tokens += count;
            }

            return tokens;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static (int Consumed, long Tokens) Scan(ReadOnlySpan<byte> data, bool final, ref JsonReaderState state)
    {
        var reader = new Utf8JsonReader(data, final, state);
        long tokens = 0;
        while (reader.Read())
        {
            tokens++;
        }

        state = reader.CurrentState;
        return ((int)reader.BytesConsumed, tokens);
    }
}

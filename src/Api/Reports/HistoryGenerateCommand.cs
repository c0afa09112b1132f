using System.Diagnostics;
using System.Globalization;
using RunTasks.Grains.History;
using RunTasks.Grains.Hosting;
using RunTasks.Grains.Storage;

namespace RunTasks.Api.Reports;

/// <summary>
/// <c>RunTasks.Api history-generate [RUNS] [FINDINGS_PER_RUN]</c>: fills the results store (the data file of
/// <c>RunTasks:DataPath</c>, or PostgreSQL with <c>ConnectionStrings:RunTasks</c>) with synthetic runs over 90 days,
/// then measures the queries the pages and the API make (issue 22's targets). Never against a production store.
/// </summary>
public static class HistoryGenerateCommand
{
    private const int Samples = 200;

    public static bool Matches(string[] args) => args is ["history-generate", ..];

    public static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        var numbers = args.Skip(1).TakeWhile(a => !a.StartsWith("--", StringComparison.Ordinal)).Select(a => int.Parse(a, CultureInfo.InvariantCulture)).ToArray();
        var runs = numbers.Length > 0 ? numbers[0] : 100_000;
        var perRun = numbers.Length > 1 ? numbers[1] : 10;
        var builder = WebApplication.CreateBuilder(args.Skip(1 + numbers.Length).ToArray());
        var connectionString = builder.Configuration.GetConnectionString(OrleansOptions.ConnectionStringName);
        DataFile? file = null;
        HistoryStore store;
        if (connectionString is not null)
        {
            store = HistoryStore.ForPostgres(connectionString);
        }
        else if (DataFileOptions.Resolve(builder.Configuration, builder.Environment.ContentRootPath) is { } path)
        {
            file = DataFile.Open(path);
            store = HistoryStore.ForSqlite(file.Connect);
        }
        else
        {
            await output.WriteLineAsync("Set RunTasks:DataPath to a directory or ConnectionStrings:RunTasks: there is nothing to fill in memory.");
            return 2;
        }

        await using (store)
        {
            using (file)
            {
                var end = new DateTimeOffset(DateTime.UtcNow.Date, TimeSpan.Zero);
                var period = TimeSpan.FromDays(90);
                await FillAsync(store, new HistoryGenerator(runs, perRun, end, period), output);
                await MeasureAsync(store, end - period, end, output);
            }
        }

        return 0;
    }

    private static async Task FillAsync(HistoryStore store, HistoryGenerator generator, TextWriter output)
    {
        var watch = Stopwatch.StartNew();
        var written = 0;
        foreach (var batch in generator.Entries().Chunk(500))
        {
            written += (await store.WriteAsync(batch, CancellationToken.None)).Count;
        }

        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"filled: {written} new runs in {watch.Elapsed.TotalSeconds:F1} s"));
    }

    private static async Task MeasureAsync(HistoryStore store, DateTimeOffset from, DateTimeOffset to, TextWriter output)
    {
        var random = new Random(7);
        string RandomWorkspace(out string organization)
        {
            var w = random.Next(HistoryGenerator.Workspaces);
            organization = HistoryGenerator.Organization(w);
            return HistoryGenerator.Workspace(w);
        }

        var list = await TimeAsync(async i =>
        {
            var workspace = RandomWorkspace(out var organization);
            var filter = (i % 4) switch
            {
                0 => HistoryFilter.All,
                1 => new HistoryFilter { Organization = organization, Verdict = HistoryVerdict.Failed },
                2 => new HistoryFilter { Workspace = workspace[..^1] + "*" },
                _ => new HistoryFilter { Rule = $"rule_{random.Next(HistoryGenerator.Rules):D2}", From = from.AddDays(random.Next(80)) },
            };
            var page = await store.ListRunsAsync(filter, new PageRequest(), CancellationToken.None);
            if (page.NextCursor is { } cursor)
            {
                await store.ListRunsAsync(filter, new PageRequest(cursor), CancellationToken.None);
            }
        });
        await Report(output, "runs list (first and second page, 4 filter kinds)", list);

        var workspaces = await TimeAsync(async _ =>
        {
            var workspace = RandomWorkspace(out var organization);
            await store.GetWorkspaceAsync(organization, workspace, from, to, CancellationToken.None);
        });
        await Report(output, "workspace page (90 days)", workspaces);

        var summary = await TimeAsync(async _ => await store.GetSummaryAsync(new HistoryFilter { From = from, To = to }, 10, CancellationToken.None), 10);
        await Report(output, "summary (90 days)", summary);

        foreach (var (name, export) in new (string, Func<Stream, Task>)[]
        {
            ("findings.csv (90 days)", s => HistoryCsv.WriteFindingsAsync(store.StreamFindingsAsync(new HistoryFilter { From = from, To = to }, CancellationToken.None), s, CancellationToken.None)),
            ("task-results.csv (90 days)", s => HistoryCsv.WriteRunsAsync(store.StreamRunsAsync(new HistoryFilter { From = from, To = to }, CancellationToken.None), s, CancellationToken.None)),
        })
        {
            GC.Collect();
            var before = GC.GetTotalMemory(forceFullCollection: true);
            using var counter = new LineCounter();
            var watch = Stopwatch.StartNew();
            await export(counter);
            var seconds = watch.Elapsed.TotalSeconds;
            var peak = GC.GetGCMemoryInfo().HeapSizeBytes;
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{name}: {counter.Lines - 1} rows in {seconds:F2} s = {(counter.Lines - 1) / seconds:F0} rows/s; heap before {before / 1_048_576.0:F1} MiB, after {peak / 1_048_576.0:F1} MiB"));
        }
    }

    private static async Task<List<double>> TimeAsync(Func<int, Task> query, int samples = Samples)
    {
        await query(0); // warm-up: connection pool, statement caches
        var times = new List<double>(samples);
        for (var i = 0; i < samples; i++)
        {
            var watch = Stopwatch.StartNew();
            await query(i);
            times.Add(watch.Elapsed.TotalMilliseconds);
        }

        times.Sort();
        return times;
    }

    private static Task Report(TextWriter output, string name, List<double> sorted) => output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
        $"{name}: n={sorted.Count} p50 {sorted[sorted.Count / 2]:F1} ms, p99 {sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(sorted.Count * 0.99) - 1)]:F1} ms, max {sorted[^1]:F1} ms"));

    /// <summary>Counts the CSV's lines and throws the bytes away, as a client that downloads them would.</summary>
    private sealed class LineCounter : Stream
    {
        public long Lines { get; private set; }
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => 0;
        public override long Position { get; set; }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => Lines += buffer.AsSpan(offset, count).Count((byte)'\n');
        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Lines += buffer.Span.Count((byte)'\n');
            return ValueTask.CompletedTask;
        }
    }
}

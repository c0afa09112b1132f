using System.Diagnostics;
using System.Formats.Tar;
using System.IO.Compression;
using System.Text;
using RunTasks.Analysis.Configuration;
using RunTasks.Analysis.Engine;
using RunTasks.Analysis.Policies;

namespace RunTasks.Benchmarks;

/// <summary>
/// <c>config-generate PATH [FILES]</c> writes a configuration version of FILES files (default 10,000) whose size is about
/// 50 MB compressed; <c>config PATH</c> checks it once in this fresh process and prints the time, peak working set and GC heap;
/// <c>config-bomb</c> checks a 1 GiB-expanding gzip bomb streamed from memory and prints the same.
/// </summary>
internal static class ConfigurationProbe
{
    private static readonly EvaluationScope Scope = new("acme", null, "bench", "pre_plan");

    public static async Task<int> GenerateAsync(string path, int files)
    {
        var random = new Random(42);
        var noise = new byte[3600];
        await using var output = File.Create(path);
        await using var gzip = new GZipStream(output, CompressionLevel.Fastest);
        await using var tar = new TarWriter(gzip, TarEntryFormat.Pax);
        for (var i = 0; i < files; i++)
        {
            random.NextBytes(noise);
            var text = new StringBuilder()
                .Append(CultureInfo($"module \"m{i}\" {{\n  source  = \"terraform-aws-modules/vpc/aws\"\n  version = \"~> 5.{i % 9}\"\n}}\n\n"))
                .Append(CultureInfo($"resource \"aws_s3_bucket\" \"b{i}\" {{\n  bucket = \"bucket-{i}\"\n  tags   = {{ Name = \"b{i}\", team = \"platform\" }}\n}}\n\n"))
                .Append("locals {\n  blob = <<-EOT\n").Append(Convert.ToBase64String(noise)).Append("\n  EOT\n}\n")
                .ToString();
            var name = i % 10 == 0 ? $"docs/page{i}.md" : $"modules/m{i / 100}/f{i}.tf";
            await tar.WriteEntryAsync(new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(Encoding.UTF8.GetBytes(text)) });
        }

        return 0;
    }

    public static async Task<int> CheckAsync(string path)
    {
        var analyzer = new ConfigurationAnalyzer(DefaultPolicies.Provider);
        var stopwatch = Stopwatch.StartNew();
        AnalysisReport report;
        await using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous | FileOptions.SequentialScan))
        {
            report = await analyzer.AnalyzeArchiveAsync(stream, Scope, null, CancellationToken.None);
        }

        Print(stopwatch, $"archive_mb={new FileInfo(path).Length / 1_048_576.0:F1}", report);
        return 0;
    }

    public static async Task<int> BombAsync()
    {
        // A tar header announcing a 1 GiB file, then 1024 identical gzip members of 1 MiB of zeros: about 1 MB compressed.
        var header = new byte[512];
        Encoding.ASCII.GetBytes("bomb.tf").CopyTo(header, 0);
        Encoding.ASCII.GetBytes("0000644\0").CopyTo(header, 100);
        Encoding.ASCII.GetBytes(Convert.ToString(1L << 30, 8).PadLeft(11, '0') + "\0").CopyTo(header, 124);
        header[156] = (byte)'0';
        Encoding.ASCII.GetBytes("ustar\000").CopyTo(header, 257);
        Array.Fill(header, (byte)' ', 148, 8);
        var sum = header.Sum(b => (int)b);
        Encoding.ASCII.GetBytes(Convert.ToString(sum, 8).PadLeft(6, '0') + "\0 ").CopyTo(header, 148);
        var first = Member(header);
        var chunk = Member(new byte[1 << 20]);
        using var bomb = new MemoryStream();
        bomb.Write(first);
        for (var i = 0; i < 1024; i++)
        {
            bomb.Write(chunk);
        }

        bomb.Position = 0;
        var stopwatch = Stopwatch.StartNew();
        var report = await new ConfigurationAnalyzer(DefaultPolicies.Provider).AnalyzeArchiveAsync(bomb, Scope, null, CancellationToken.None);
        Print(stopwatch, $"bomb_compressed_mb={bomb.Length / 1_048_576.0:F1} read_kb={bomb.Position / 1024}", report);
        return 0;
    }

    private static byte[] Member(byte[] bytes)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            gzip.Write(bytes);
        }

        return output.ToArray();
    }

    private static string CultureInfo(FormattableString text) => FormattableString.Invariant(text);

    private static void Print(Stopwatch stopwatch, string what, AnalysisReport report)
    {
        stopwatch.Stop();
        using var process = Process.GetCurrentProcess();
        var gc = GC.GetGCMemoryInfo();
        Console.WriteLine(
            $"{what} seconds={stopwatch.Elapsed.TotalSeconds:F2} (cold, one run) peak_working_set_mb={process.PeakWorkingSet64 / 1_048_576.0:F1} " +
            $"max_gc_heap_mb={gc.HeapSizeBytes / 1_048_576.0:F1} total_allocated_mb={GC.GetTotalAllocatedBytes() / 1_048_576.0:F1} " +
            $"findings={report.Findings.Count} passed={report.Passed} message={report.Message[..Math.Min(120, report.Message.Length)]}");
    }
}

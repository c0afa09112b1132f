using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using RunTasks.Grains.Storage;
using RunTasks.Testing;

namespace RunTasks.Tests.Storage;

/// <summary>The embedded service on a data file (in process): readiness, the key ring across a restart, no silent fallback to memory.</summary>
[SuppressMessage("Naming", "CA1707", Justification = "Test names are sentences.")]
public sealed class EmbeddedDataFileTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("runtasks-embedded-").FullName;

    private Dictionary<string, string?> OnFile => new() { ["RunTasks:DataPath"] = _directory };

    [Fact]
    public async Task Readiness_reports_the_data_file_its_writability_and_schema_version()
    {
        // Development shows readiness details on its one port (elsewhere they are on the management port only).
        await using var host = await ApiHost.StartAsync(OnFile, environment: "Development");

        using var report = JsonDocument.Parse(await host.Http.GetStringAsync("/readyz"));

        var check = report.RootElement.GetProperty("checks").GetProperty(DataFileHealthCheck.Name);
        Assert.Equal("Healthy", check.GetProperty("status").GetString());
        Assert.Equal(
            $"{Path.Combine(_directory, DataFileOptions.FileName)}: writable, schema version {DataFileSchema.Migrations.Count}",
            check.GetProperty("description").GetString());
    }

    [Fact]
    public async Task Tokens_protected_before_a_restart_are_readable_after_it()
    {
        string protectedToken;
        await using (var first = await ApiHost.StartAsync(OnFile))
        {
            protectedToken = first.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Protect("secret-token");
        }

        await using var second = await ApiHost.StartAsync(OnFile);

        Assert.Equal("secret-token", second.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Unprotect(protectedToken));
        using var connection = second.Services.GetRequiredService<DataFile>().Connect();
        using var keys = connection.CreateCommand();
        keys.CommandText = "SELECT count(*) FROM runtasks_dataprotection_keys";
        Assert.True((long)keys.ExecuteScalar()! > 0, "the key ring is in the data file, not in a fallback directory");
    }

    [Fact]
    public async Task A_corrupted_data_file_stops_start_up_instead_of_falling_back_to_memory()
    {
        await File.WriteAllTextAsync(Path.Combine(_directory, DataFileOptions.FileName), string.Concat(Enumerable.Repeat("garbage ", 1024)));

        var refused = await Assert.ThrowsAsync<DataFileException>(() => ApiHost.StartAsync(OnFile));

        Assert.Contains(Path.Combine(_directory, DataFileOptions.FileName), refused.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}

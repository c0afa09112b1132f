using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RunTasks.Grains.Configuration;
using RunTasks.Grains.Hosting;

namespace RunTasks.Tests.Configuration;

/// <summary>A configuration error ends a process with one line and exit code 1; a bug keeps its stack trace.</summary>
public sealed class StartupGuardTests
{
    [Fact]
    public async Task Invalid_settings_end_with_exit_code_1_and_one_line_naming_every_key()
    {
        using var error = new StringWriter();
        var exception = new OptionsValidationException("RunTasks", typeof(RunTasksOptions), ["RunTasks:A is wrong.", "RunTasks:B is wrong."]);

        var exitCode = await StartupGuard.RunAsync(() => throw exception, error);

        Assert.Equal(1, exitCode);
        var line = Assert.Single(error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("RunTasks:A", line, StringComparison.Ordinal);
        Assert.Contains("RunTasks:B", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Taken_port_reported_by_kestrel_is_one_line_saying_how_to_move_it()
    {
        var bind = new IOException("Failed to bind to address http://127.0.0.1:8080: address already in use.", new AddressInUseException("Address already in use"));

        Assert.Contains("ASPNETCORE_URLS", StartupGuard.Describe(bind), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unexpected_exception_keeps_its_stack_trace()
    {
        using var error = new StringWriter();

        await Assert.ThrowsAsync<FormatException>(() => StartupGuard.RunAsync(() => throw new FormatException(), error));
        Assert.Empty(error.ToString());
    }

    [Fact]
    public void Settings_bound_twice_keep_each_array_entry_once()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["RunTasks:AllowedHosts:0"] = "tfe.example.com",
            ["RunTasks:HmacKeys:0"] = "key",
        }).Build();
        var services = new ServiceCollection().AddRunTasksOptions(configuration).AddRunTasksOptions(configuration);

        var options = services.BuildServiceProvider().GetRequiredService<IOptions<RunTasksOptions>>().Value;

        Assert.Equal(["tfe.example.com"], options.AllowedHosts!);
        Assert.Equal(["key"], options.HmacKeys);
    }
}

using Microsoft.Extensions.DependencyInjection;
using RunTasks.Testing;

namespace RunTasks.IntegrationTests.Notifications;

/// <summary>
/// The service stops after the forge wrote the comment and before its answer was recorded. The next start resumes the
/// task result from its data file: the comment is due again, and its marker turns the second send into an edit.
/// </summary>
public sealed class NotificationCrashTests : IAsyncLifetime
{
    private readonly string _dataPath = Directory.CreateTempSubdirectory("runtasks-notify-").FullName;
    private FakeHcp _hcp = null!;
    private FakeForge _forge = null!;

    public async Task InitializeAsync()
    {
        _hcp = await FakeHcp.StartAsync();
        _forge = await FakeForge.StartAsync();
    }

    private Task<ApiHost> StartAsync()
    {
        var settings = NotificationFixture.Settings(_forge);
        settings["RunTasks:DataPath"] = _dataPath;
        return ApiHost.StartAsync(_hcp, settings);
    }

    [Fact]
    public async Task Comment_written_but_not_recorded_before_a_stop_is_edited_not_repeated_after_the_restart()
    {
        var task = _hcp.AddTask(Fixtures.Plan("fugue__regula__aws-sg-ingress-anywhere.json"));
        _forge.HoldAfterCreate = true;
        await using (var first = await StartAsync())
        {
            await first.PostAsync(NotificationFixture.Payload(_hcp, task, _forge.GitHubPullRequest("acme/infra", 9)));
            await _forge.FirstHeld.WaitAsync(TimeSpan.FromSeconds(30));
            await first.WaitForDoneAsync(task.TaskResultId);
        }

        Assert.Single(_forge.Comments);
        await using var second = await StartAsync();
        await NotificationWait.SettledAsync(second.Services.GetRequiredService<IGrainFactory>(), task.TaskResultId, 1);

        var comment = Assert.Single(_forge.Comments);
        Assert.Equal(1, comment.Edits);
        Assert.Single(task.Finals);
    }

    public async Task DisposeAsync()
    {
        await _forge.DisposeAsync();
        await _hcp.DisposeAsync();
        Directory.Delete(_dataPath, recursive: true);
    }
}

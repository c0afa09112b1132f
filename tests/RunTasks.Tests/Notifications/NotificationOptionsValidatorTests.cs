using Microsoft.Extensions.Options;
using RunTasks.Grains.Configuration;
using RunTasks.Grains.Notifications;

namespace RunTasks.Tests.Notifications;

public sealed class NotificationOptionsValidatorTests
{
    private static IEnumerable<string> Errors(NotificationOptions options) =>
        new NotificationOptionsValidator(Microsoft.Extensions.Options.Options.Create(new RunTasksOptions())).Validate(null, options).Failures ?? [];

    [Fact]
    public void Defaults_are_valid() => Assert.Empty(Errors(new NotificationOptions()));

    [Fact]
    public void Unknown_route_kind_and_condition_are_named_by_key()
    {
        var errors = Errors(new NotificationOptions { Notifications = new() { Routes = [new() { Kind = "pager", Url = "https://x.example.com", When = "sometimes" }] } });

        Assert.Contains(errors, e => e.StartsWith("RunTasks:Notifications:Routes:0:Kind", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("RunTasks:Notifications:Routes:0:When", StringComparison.Ordinal));
    }

    [Fact]
    public void Plain_http_route_is_refused_without_naming_its_path()
    {
        var errors = Errors(new NotificationOptions { Notifications = new() { Routes = [new() { Kind = "slack", Url = "http://hooks.example.com/T000/B000/secretpart" }] } });

        var error = Assert.Single(errors);
        Assert.Equal("RunTasks:Notifications:Routes:0:Url must be https.", error);
    }

    [Fact]
    public void Github_app_without_a_readable_key_is_refused()
    {
        var errors = Errors(new NotificationOptions { GitHub = new() { AppId = 1, PrivateKeyPath = "/nonexistent/key.pem" } });

        Assert.Contains(errors, e => e.StartsWith("RunTasks:GitHub:PrivateKeyPath: the file cannot be read", StringComparison.Ordinal));
    }

    [Fact]
    public void Github_private_key_that_is_not_pem_is_refused()
    {
        var errors = Errors(new NotificationOptions { GitHub = new() { AppId = 1, PrivateKey = "not a key" } });

        Assert.Contains("RunTasks:GitHub:PrivateKey is not an RSA private key in PEM form.", errors);
    }

    [Fact]
    public void Unknown_comment_mode_is_refused() =>
        Assert.Contains(Errors(new NotificationOptions { PullRequests = new() { Comment = "sometimes" } }),
            e => e.StartsWith("RunTasks:PullRequests:Comment", StringComparison.Ordinal));
}

using Microsoft.Extensions.Options;
using Orleans.Serialization;
using Orleans.Storage;
using RunTasks.Grains.Lifecycle;
using RunTasks.Grains.Notifications;

namespace RunTasks.Tests.Notifications;

/// <summary>A task result's notifications and VCS fields as stored, under pinned names, with the silo's storage serializer.</summary>
public sealed class StoredNotificationTests
{
    private static readonly SystemTextJsonGrainStorageSerializer Serializer = new(Options.Create(new SystemTextJsonGrainStorageSerializerOptions()));

    private const string Stored = """
        {"Request":{"TaskResultId":"taskrs-1","Stage":"post_plan","CallbackUrl":"https://app.terraform.io/cb","AccessToken":{"Value":""},
         "Origin":{"VcsPullRequestUrl":"https://github.com/acme/infra/pull/7","VcsCommitHash":"abc123"}},
         "Notifications":[{"Target":"pull_request","Kind":"github","Status":1,"Attempts":2,"NextAt":null,"Token":"t1","Until":"2026-12-06T10:00:00+00:00"},
                          {"Target":"route:0","Kind":"slack","Status":2,"Attempts":1,"NextAt":null,"Fingerprint":"f1"}]}
        """;

    [Fact]
    public void Stored_notifications_load_with_every_field()
    {
        var s = Serializer.Deserialize<TaskResultState>(BinaryData.FromString(Stored))!;

        Assert.Equal(("https://github.com/acme/infra/pull/7", "abc123"), (s.Request!.Origin!.VcsPullRequestUrl, s.Request.Origin.VcsCommitHash));
        Assert.Equal(
            [
                new NotificationDelivery("pull_request", "github", NotificationStatus.Sending, 2, null, "t1", new DateTimeOffset(2026, 12, 6, 10, 0, 0, TimeSpan.Zero)),
                new NotificationDelivery("route:0", "slack", NotificationStatus.Sent, 1, null, Fingerprint: "f1"),
            ],
            s.Notifications!);
    }

    [Fact]
    public void Result_stored_before_notifications_existed_has_none()
    {
        var s = Serializer.Deserialize<TaskResultState>(BinaryData.FromString("""{"Request":{"TaskResultId":"x","Stage":"post_plan","CallbackUrl":"https://a/","AccessToken":{"Value":""}}}"""))!;

        Assert.Null(s.Notifications);
    }
}

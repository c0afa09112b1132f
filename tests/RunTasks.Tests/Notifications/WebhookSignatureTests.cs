using System.Security.Cryptography;
using System.Text;
using RunTasks.Grains.Notifications;

namespace RunTasks.Tests.Notifications;

public sealed class WebhookSignatureTests
{
    [Fact]
    public void Receiver_verifies_the_signature_with_plain_hmac_sha256()
    {
        var body = """{"event":"task_result.verdict"}"""u8.ToArray();

        var header = WebhookSignature.Compute("shared-secret", body);

        Assert.Equal("sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes("shared-secret"), body)), header);
        Assert.True(WebhookSignature.Verify("shared-secret", body, header));
        Assert.False(WebhookSignature.Verify("other-secret", body, header));
    }
}

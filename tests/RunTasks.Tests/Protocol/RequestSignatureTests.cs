using System.Text;
using System.Text.Json;
using RunTasks.Api.Protocol;
using RunTasks.Testing;

namespace RunTasks.Tests.Protocol;

public sealed class RequestSignatureTests
{
    // The key published with the captured request (see fixtures/requests/SOURCES.md).
    private const string CapturedKey = "centrally-deeply-humble-mammoth";

    private static (byte[] Body, string Signature) Captured()
    {
        using var capture = JsonDocument.Parse(Fixtures.Request("MorganPeat__run-task-poc__lambda-event-post-plan-hmac.json"));
        var body = Encoding.UTF8.GetBytes(capture.RootElement.GetProperty("body").GetString()!);
        var signature = capture.RootElement.GetProperty("headers").GetProperty("x-tfc-task-signature").GetString()!;
        return (body, signature);
    }

    [Fact]
    public void Real_captured_request_verifies_with_its_key()
    {
        var (body, signature) = Captured();
        Assert.Equal(980, body.Length);
        Assert.True(RequestSignature.IsValid(signature, body, [CapturedKey]));
        Assert.Equal(signature, RequestSignature.Compute(CapturedKey, body));
    }

    [Fact]
    public void Any_of_several_keys_verifies_so_keys_can_rotate()
    {
        var (body, signature) = Captured();
        Assert.True(RequestSignature.IsValid(signature, body, ["old-key", CapturedKey]));
    }

    [Fact]
    public void Wrong_key_is_refused()
    {
        var (body, signature) = Captured();
        Assert.False(RequestSignature.IsValid(signature, body, ["another-key"]));
    }

    [Fact]
    public void A_single_changed_byte_is_refused()
    {
        var (body, signature) = Captured();
        body[^2] ^= 1;
        Assert.False(RequestSignature.IsValid(signature, body, [CapturedKey]));
    }

    [Fact]
    public void Re_serialised_json_does_not_verify()
    {
        var (body, signature) = Captured();
        var reserialised = JsonSerializer.SerializeToUtf8Bytes(JsonDocument.Parse(body).RootElement, new JsonSerializerOptions { WriteIndented = true });
        Assert.False(RequestSignature.IsValid(signature, reserialised, [CapturedKey]));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not-hex")]
    [InlineData("abcd")]
    public void Missing_or_malformed_signature_is_refused(string? signature)
    {
        var (body, _) = Captured();
        Assert.False(RequestSignature.IsValid(signature, body, [CapturedKey]));
    }

    [Fact]
    public void Uppercase_hex_signature_is_accepted_as_the_same_bytes()
    {
        var (body, signature) = Captured();
        Assert.True(RequestSignature.IsValid(signature.ToUpperInvariant(), body, [CapturedKey]));
    }
}

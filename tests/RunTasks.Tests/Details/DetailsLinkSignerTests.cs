using System.Web;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using RunTasks.Api.Details;
using RunTasks.Grains.Configuration;
using RunTasks.Grains.Details;

namespace RunTasks.Tests.Details;

public sealed class DetailsLinkSignerTests
{
    private const string Key = "a-signing-key-of-at-least-32-characters";
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Link_sent_with_the_callback_is_admitted()
    {
        var signer = Signer(Key);
        var (exp, sig) = Parameters(signer.DetailsUrl("taskrs-abc")!);

        Assert.True(signer.Admits("taskrs-abc", exp, sig));
    }

    [Fact]
    public void Signature_does_not_open_another_id()
    {
        var signer = Signer(Key);
        var (exp, sig) = Parameters(signer.DetailsUrl("taskrs-abc")!);

        Assert.False(signer.Admits("taskrs-abd", exp, sig));
    }

    [Fact]
    public void Link_without_signature_or_expiry_is_refused()
    {
        var signer = Signer(Key);

        Assert.False(signer.Admits("taskrs-abc", null, null));
        Assert.False(signer.Admits("taskrs-abc", "9999999999", null));
        Assert.False(signer.Admits("taskrs-abc", "9999999999", "not base64url!"));
    }

    [Fact]
    public void Link_stops_working_after_the_run_and_the_retention_period()
    {
        var signer = Signer(Key);
        var (exp, sig) = Parameters(signer.DetailsUrl("taskrs-abc")!);

        _time.Advance(new RunTasksOptions().Retention + new RunTasksOptions().Deadlines.Total - TimeSpan.FromMinutes(1));
        Assert.True(signer.Admits("taskrs-abc", exp, sig));
        _time.Advance(TimeSpan.FromMinutes(2));
        Assert.False(signer.Admits("taskrs-abc", exp, sig));
    }

    [Fact]
    public void Link_signed_to_outlive_the_retention_period_is_refused()
    {
        var signer = Signer(Key);
        var lifetime = new RunTasksOptions().Deadlines.Total + new RunTasksOptions().Retention;
        var forged = HttpUtility.ParseQueryString(signer.QueryString("taskrs-abc", _time.GetUtcNow().AddYears(10)));

        Assert.False(signer.Admits("taskrs-abc", forged["exp"], forged["sig"]));
        var longest = HttpUtility.ParseQueryString(signer.QueryString("taskrs-abc", _time.GetUtcNow() + lifetime + DetailsLinkSigner.ClockSlack));
        Assert.True(signer.Admits("taskrs-abc", longest["exp"], longest["sig"]));
    }

    [Fact]
    public void Key_from_another_installation_does_not_verify()
    {
        var (exp, sig) = Parameters(Signer(Key).DetailsUrl("taskrs-abc")!);

        Assert.False(Signer(Key + "-other").Admits("taskrs-abc", exp, sig));
    }

    [Fact]
    public void Without_a_key_processes_sharing_the_key_ring_agree()
    {
        var ring = Directory.CreateTempSubdirectory("runtasks-keys-");
        try
        {
            var silo = Signer(null, DataProtectionProvider.Create(ring, b => b.SetApplicationName("RunTasks")));
            var api = Signer(null, DataProtectionProvider.Create(ring, b => b.SetApplicationName("RunTasks")));
            var (exp, sig) = Parameters(silo.DetailsUrl("taskrs-abc")!);

            Assert.True(api.Admits("taskrs-abc", exp, sig));
            Assert.False(api.Admits("taskrs-abd", exp, sig));
            Assert.False(Signer(null, new EphemeralDataProtectionProvider()).Admits("taskrs-abc", exp, sig));
        }
        finally
        {
            ring.Delete(recursive: true);
        }
    }

    [Fact]
    public void Key_ring_signed_link_of_the_longest_id_fits_the_callback_url_limit()
    {
        var signer = Signer(null);

        var url = signer.DetailsUrl(new string('x', 128))!;

        Assert.True(url.Length <= RunTasks.Grains.Callbacks.CallbackDocument.MaxUrl, $"{url.Length} characters");
    }

    [Fact]
    public void Signing_turned_off_sends_a_plain_link_and_admits_it()
    {
        var signer = Signer(Key, requireSignature: false);

        Assert.Equal("https://runtasks.example.com/task-results/taskrs-abc", signer.DetailsUrl("taskrs-abc"));
        Assert.True(signer.Admits("taskrs-abc", null, null));
    }

    [Fact]
    public void No_public_base_url_means_no_link()
    {
        var signer = new DetailsLinkSigner(
            Options.Create(new DetailsOptions { SigningKey = Key }), Options.Create(new RunTasksOptions()), new EphemeralDataProtectionProvider(), _time);

        Assert.Null(signer.DetailsUrl("taskrs-abc"));
    }

    private DetailsLinkSigner Signer(string? key, IDataProtectionProvider? keyRing = null, bool requireSignature = true) => new(
        Options.Create(new DetailsOptions { SigningKey = key, RequireSignature = requireSignature }),
        Options.Create(new RunTasksOptions { PublicBaseUrl = "https://runtasks.example.com" }),
        keyRing ?? new EphemeralDataProtectionProvider(),
        _time);

    private static (string? Exp, string? Sig) Parameters(string url)
    {
        var query = HttpUtility.ParseQueryString(new Uri(url).Query);
        return (query[DetailsLinkSigner.ExpiresParameter], query[DetailsLinkSigner.SignatureParameter]);
    }
}

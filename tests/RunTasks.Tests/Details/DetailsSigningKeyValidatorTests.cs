using System.Security.Cryptography;
using RunTasks.Grains.Details;

namespace RunTasks.Tests.Details;

public sealed class DetailsSigningKeyValidatorTests
{
    [Fact]
    public void Pass_phrase_of_32_characters_is_refused_with_how_to_generate_a_key()
    {
        var result = new DetailsSigningKeyValidator().Validate(null, new DetailsOptions { SigningKey = "correct-horse-battery-staple-2026-ok" });

        Assert.True(result.Failed);
        Assert.Contains("RunTasks:Details:SigningKey", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("openssl rand -base64 32", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Base64_of_16_random_bytes_is_too_short()
    {
        var result = new DetailsSigningKeyValidator().Validate(null, new DetailsOptions { SigningKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16)) });

        Assert.True(result.Failed);
    }

    [Fact]
    public void Base64_of_one_repeated_byte_is_not_random()
    {
        var result = new DetailsSigningKeyValidator().Validate(null, new DetailsOptions { SigningKey = Convert.ToBase64String(new byte[48]) });

        Assert.True(result.Failed);
    }

    [Fact]
    public void Base64_of_32_random_bytes_is_accepted()
    {
        var result = new DetailsSigningKeyValidator().Validate(null, new DetailsOptions { SigningKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) });

        Assert.True(result.Succeeded);
    }

    [Fact]
    public void Unset_key_is_accepted_as_links_are_then_signed_with_the_key_ring()
    {
        Assert.True(new DetailsSigningKeyValidator().Validate(null, new DetailsOptions()).Succeeded);
    }
}

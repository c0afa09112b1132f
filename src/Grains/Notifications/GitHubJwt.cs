using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace RunTasks.Grains.Notifications;

/// <summary>The GitHub App's own JSON Web Token (RS256, issued 60 s in the past against clock drift, valid 9 minutes).</summary>
public static class GitHubJwt
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(9);

    public static string Create(long appId, RSA key, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(key);
        var header = Base64Url("""{"alg":"RS256","typ":"JWT"}"""u8);
        var iat = (now - TimeSpan.FromSeconds(60)).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var exp = (now + Lifetime).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var payload = Base64Url(Encoding.UTF8.GetBytes($$"""{"iat":{{iat}},"exp":{{exp}},"iss":"{{appId.ToString(CultureInfo.InvariantCulture)}}"}"""));
        var signed = $"{header}.{payload}";
        var signature = key.SignData(Encoding.ASCII.GetBytes(signed), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return $"{signed}.{Base64Url(signature)}";
    }

    /// <summary>Reads a PEM private key (PKCS#1 or PKCS#8); throws naming nothing secret when it is not an RSA key.</summary>
    public static RSA LoadKey(string pem)
    {
        var rsa = RSA.Create();
        try
        {
            rsa.ImportFromPem(pem);
            return rsa;
        }
        catch
        {
            rsa.Dispose();
            throw;
        }
    }

    private static string Base64Url(ReadOnlySpan<byte> bytes) => System.Buffers.Text.Base64Url.EncodeToString(bytes);
}

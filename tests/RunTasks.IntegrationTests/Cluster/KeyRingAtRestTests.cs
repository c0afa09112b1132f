using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using RunTasks.Grains.Hosting;
using RunTasks.IntegrationTests.Postgres;
using RunTasks.Testing;

namespace RunTasks.IntegrationTests.Cluster;

/// <summary>
/// Cluster mode on real PostgreSQL: the key ring lies beside the tokens it encrypts, so it is stored encrypted with a
/// certificate kept outside the database. A reader of the database gets the encrypted token and the encrypted keys only.
/// </summary>
public sealed class KeyRingAtRestTests(PostgresFixture pg) : IClassFixture<PostgresFixture>
{
    private const string Token = "atlas-token-of-the-run";

    [Fact]
    public async Task Database_dump_of_the_key_ring_decrypts_no_token()
    {
        var (stored, dump) = await ProtectAndDumpAsync();

        Assert.All(dump, key =>
        {
            Assert.Contains("encryptedSecret", key.ToString(), StringComparison.Ordinal);
            Assert.DoesNotContain("masterKey", key.ToString(), StringComparison.Ordinal);
        });
        var attacker = Protector(dump, certificate: null);
        Assert.ThrowsAny<CryptographicException>(() => attacker.Unprotect(stored));
    }

    [Fact]
    public async Task Key_ring_dump_with_the_certificate_decrypts_the_token()
    {
        var (stored, dump) = await ProtectAndDumpAsync();

        var holder = Protector(dump, X509CertificateLoader.LoadPkcs12FromFile(TestCertificates.Cluster.KeyRingPfxPath, null));

        Assert.Equal(Token, holder.Unprotect(stored));
    }

    /// <summary>A process of the cluster stores a token as the Api does; then everything the database holds is read out.</summary>
    private async Task<(string Stored, List<XElement> Dump)> ProtectAndDumpAsync()
    {
        var db = await pg.CreateDatabaseAsync();
        var settings = new Dictionary<string, string?> { ["ConnectionStrings:RunTasks"] = db };
        TestCertificates.AddClusterDefaults(settings);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        await using var services = new ServiceCollection().AddLogging().AddRunTasksKeyRing(configuration).BuildServiceProvider();
        var stored = Purpose(services.GetRequiredService<IDataProtectionProvider>()).Protect(Token);

        var dump = new List<XElement>();
        await using var connection = new NpgsqlConnection(db);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT xml FROM runtasks_dataprotection_keys", connection);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            dump.Add(XElement.Parse(reader.GetString(0)));
        }

        Assert.NotEmpty(dump);
        return (stored, dump);
    }

    /// <summary>A Data Protection stack over the dumped keys that never makes a key of its own.</summary>
    private static IDataProtector Protector(List<XElement> dump, X509Certificate2? certificate)
    {
        var services = new ServiceCollection().AddLogging();
        var builder = services.AddDataProtection().SetApplicationName("RunTasks").DisableAutomaticKeyGeneration();
        if (certificate is not null)
        {
            builder.UnprotectKeysWithAnyCertificate(certificate);
        }

        services.Configure<KeyManagementOptions>(o => o.XmlRepository = new DumpRepository(dump));
        return Purpose(services.BuildServiceProvider().GetRequiredService<IDataProtectionProvider>());
    }

    /// <summary>The purpose under which access tokens are stored.</summary>
    private static IDataProtector Purpose(IDataProtectionProvider provider) => provider.CreateProtector("RunTasks.AccessToken.v1");

    private sealed class DumpRepository(List<XElement> elements) : IXmlRepository
    {
        public IReadOnlyCollection<XElement> GetAllElements() => elements;

        public void StoreElement(XElement element, string friendlyName) => throw new InvalidOperationException("a dump is read-only");
    }
}

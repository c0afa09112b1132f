using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using RunTasks.Api.Hosting;
using RunTasks.Grains.Hosting;

namespace RunTasks.Tests.Configuration;

/// <summary>Settings read before the service provider exists still stop start-up with a message naming the key.</summary>
public sealed class HostOptionsTests
{
    private static IConfiguration Config(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    [Theory]
    [InlineData("Orleans:AdvertisedIP", "not-an-ip", "Orleans:AdvertisedIP")]
    [InlineData("Orleans:SiloPort", "70000", "Orleans:SiloPort")]
    [InlineData("Orleans:GatewayPort", "11111", "must differ")]
    [InlineData("Orleans:ClusterId", " ", "Orleans:ClusterId")]
    public void Bad_orleans_setting_names_its_key(string key, string value, string expected)
    {
        var error = Assert.Throws<OptionsValidationException>(() => OrleansOptions.Read(Config((key, value))));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Orleans_defaults_are_valid_and_migration_is_opt_in()
    {
        var options = OrleansOptions.Read(Config());
        Assert.Equal((11111, 30000, false), (options.SiloPort, options.GatewayPort, options.MigrateOnStart));
        Assert.True(OrleansOptions.Read(Config(("Orleans:MigrateOnStart", "true"))).MigrateOnStart);
    }

    [Fact]
    public void Relative_key_ring_path_is_refused_naming_the_key()
    {
        var error = Assert.Throws<OptionsValidationException>(() => KeyRingOptions.Read(Config(("DataProtection:KeysPath", "keys"))));
        Assert.Contains("DataProtection:KeysPath", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("admin", null, false)]
    [InlineData(null, "secret", false)]
    [InlineData("admin", "secret", true)]
    [InlineData(null, null, true)]
    public void Dashboard_credentials_come_in_pairs(string? username, string? password, bool valid)
    {
        var result = new DashboardOptionsValidator().Validate(null, new DashboardOptions { Username = username, Password = password });
        Assert.Equal(valid, result.Succeeded);
        if (!valid)
        {
            Assert.Contains("Dashboard:Username and Dashboard:Password", result.FailureMessage, StringComparison.Ordinal);
        }
    }
}

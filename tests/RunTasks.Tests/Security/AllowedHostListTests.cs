using RunTasks.Grains.Security;

namespace RunTasks.Tests.Security;

public sealed class AllowedHostListTests
{
    [Theory]
    [InlineData("https://app.terraform.io/x", "app.terraform.io", true)]
    [InlineData("https://APP.terraform.io:443/x", "app.terraform.io", true)]
    [InlineData("https://app.terraform.io:8443/x", "app.terraform.io", false)]
    [InlineData("https://tfe.internal:8443/x", "tfe.internal:8443", true)]
    [InlineData("https://tfe.internal/x", "tfe.internal:8443", false)]
    [InlineData("http://127.0.0.1:22/", "127.0.0.1", false)]
    [InlineData("http://[::1]:5123/", "[::1]:5123", true)]
    [InlineData("http://[::1]/", "::1", true)]
    [InlineData("http://[::1]:5123/", "::1", false)]
    public void Host_alone_allows_the_default_port_and_host_port_allows_that_port(string url, string entry, bool allowed)
    {
        Assert.Equal(allowed, AllowedHostList.Allows([entry], new Uri(url)));
    }
}

using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RunTasks.Api.Endpoints;
using RunTasks.Api.Hosting;
using RunTasks.Testing;

namespace RunTasks.IntegrationTests.Hardening;

/// <summary>Refusals log what an operator can act on, and a flood of them cannot fill the log.</summary>
public sealed class RefusalLogTests
{
    [Fact]
    public async Task Url_outside_allowed_hosts_logs_scheme_host_and_port_to_add_but_not_the_path_or_query()
    {
        await using var api = await ApiHost.StartAsync();
        var node = JsonNode.Parse(Fixtures.Request("gitrgoliveira__tfc-run-task-demo__pre-plan-payload.json"))!.AsObject();
        node["task_result_callback_url"] = "https://tfe.example.com:8443/api/v2/task-results/secret-path/callback?sig=secret-query";

        using var response = await api.PostAsync(Encoding.UTF8.GetBytes(node.ToJsonString()));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var line = Assert.Single(api.Logs.Text.Split('\n'), l => l.Contains("refused with 422", StringComparison.Ordinal));
        Assert.Contains("https://tfe.example.com:8443", line, StringComparison.Ordinal);
        Assert.Contains("'tfe.example.com:8443'", line, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", api.Logs.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Flood_of_badly_signed_requests_writes_one_warning_line()
    {
        await using var app = await StartAsync(services => services.AddSingleton(new LogRateLimiter(TimeProvider.System, TimeSpan.FromHours(1))));
        var body = Fixtures.Request("gitrgoliveira__tfc-run-task-demo__pre-plan-payload.json");

        for (var i = 0; i < 20; i++)
        {
            using var response = await app.PostAsync(body, new string('0', 128));
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }

        Assert.Single(app.Logs.Text.Split('\n'), l => l.Contains("refused with 401", StringComparison.Ordinal));
    }

    /// <summary>The Api with services registered before its own, which it then keeps (ApiHost offers no such hook).</summary>
    private static async Task<RunningApi> StartAsync(Action<IServiceCollection> services)
    {
        var logs = new CapturedLogs();
        var settings = ApiHost.FastSettings();
        settings["Orleans:SiloPort"] = ApiHost.FreePort().ToString(CultureInfo.InvariantCulture);
        settings["Orleans:GatewayPort"] = ApiHost.FreePort().ToString(CultureInfo.InvariantCulture);
        var app = ApiApplication.Create([], builder =>
        {
            builder.Logging.AddProvider(logs);
            builder.Configuration.AddInMemoryCollection(settings);
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            services(builder.Services);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new RunningApi(app, new HttpClient { BaseAddress = new Uri(address) }, logs);
    }

    private sealed record RunningApi(WebApplication App, HttpClient Http, CapturedLogs Logs) : IAsyncDisposable
    {
        public Task<HttpResponseMessage> PostAsync(byte[] body, string signature)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/run-task") { Content = new ByteArrayContent(body) };
            request.Headers.TryAddWithoutValidation("X-TFC-Task-Signature", signature);
            return Http.SendAsync(request);
        }

        public async ValueTask DisposeAsync()
        {
            Http.Dispose();
            await App.StopAsync();
            await App.DisposeAsync();
        }
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace RunTasks.IntegrationTests.Details;

[Collection(DetailsCollection.Name)]
public sealed class SignedLinkTests(DetailsFixture fx)
{
    [Fact]
    public async Task Link_from_the_callback_opens_the_page_in_a_browser()
    {
        var (task, final) = await fx.RunAsync(SensitivePlan.Create());

        var response = await GetAsync(fx.Local(final.Url!), "text/html,application/xhtml+xml,*/*;q=0.8");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains(SensitivePlan.Address, html, StringComparison.Ordinal);
        Assert.Contains(task.TaskResultId, html, StringComparison.Ordinal);
        Assert.DoesNotContain(SensitivePlan.Secret, html, StringComparison.Ordinal);
        Assert.DoesNotContain(task.Token, html, StringComparison.Ordinal);
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
    }

    [Fact]
    public async Task Same_link_answers_the_snapshot_as_json()
    {
        var (task, final) = await fx.RunAsync(SensitivePlan.Create());

        // HCP Terraform has the final the moment it answers; the grain records the attempt a moment later.
        var snapshot = await JsonSnapshotAsync(final.Url!);
        for (var i = 0; i < 100 && snapshot.GetProperty("phase").GetString() != "done"; i++)
        {
            await Task.Delay(100);
            snapshot = await JsonSnapshotAsync(final.Url!);
        }
        Assert.Equal(task.TaskResultId, snapshot.GetProperty("taskResultId").GetString());
        Assert.Equal("failed", snapshot.GetProperty("verdict").GetString());
        Assert.True(snapshot.GetProperty("callbackAttempts").GetInt32() >= 1);
    }

    [Fact]
    public async Task Json_form_carries_the_run_and_findings_and_may_not_be_sniffed_or_framed()
    {
        var (task, final) = await fx.RunAsync(SensitivePlan.Create());

        var response = await GetAsync(fx.Local(final.Url!), "application/json");

        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.StartsWith("default-src 'none'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(task.TaskResultId, json.GetProperty("taskResultId").GetString());
        Assert.False(string.IsNullOrEmpty(json.GetProperty("organization").GetString()));
        Assert.False(string.IsNullOrEmpty(json.GetProperty("workspace").GetString()));
        Assert.Equal("post_plan", json.GetProperty("stage").GetString());
        Assert.Equal("checked", json.GetProperty("check").GetString());
        Assert.Contains(json.GetProperty("findings").EnumerateArray(), f => f.GetProperty("address").GetString() == SensitivePlan.Address);
        Assert.DoesNotContain(SensitivePlan.Secret, json.GetRawText(), StringComparison.Ordinal);
        Assert.DoesNotContain(task.Token, json.GetRawText(), StringComparison.Ordinal);
    }

    private async Task<JsonElement> JsonSnapshotAsync(string link)
    {
        var response = await GetAsync(fx.Local(link), "application/json");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Fact]
    public async Task Link_without_its_signature_is_404()
    {
        var (task, _) = await fx.RunAsync(SensitivePlan.Create());

        var response = await GetAsync($"{fx.Api.BaseUrl}/task-results/{task.TaskResultId}", "text/html");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Tampered_signature_is_404()
    {
        var (_, final) = await fx.RunAsync(SensitivePlan.Create());
        var url = fx.Local(final.Url!);
        var tampered = url[..^2] + (url[^2] == 'A' ? "B" : "A") + url[^1];

        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync(tampered, "text/html")).StatusCode);
    }

    [Fact]
    public async Task Later_expiry_under_the_same_signature_is_404()
    {
        var (_, final) = await fx.RunAsync(SensitivePlan.Create());
        var url = fx.Local(final.Url!);
        var exp = System.Text.RegularExpressions.Regex.Match(url, "exp=([0-9]+)").Groups[1].Value;
        var extended = url.Replace($"exp={exp}", $"exp={long.Parse(exp, System.Globalization.CultureInfo.InvariantCulture) + 86_400}", StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync(extended, "application/json")).StatusCode);
    }

    [Fact]
    public async Task Signature_of_one_result_does_not_open_another()
    {
        var (_, first) = await fx.RunAsync(SensitivePlan.Create());
        var (second, _) = await fx.RunAsync(SensitivePlan.Create());
        var query = new Uri(first.Url!).Query;

        var response = await GetAsync($"{fx.Api.BaseUrl}/task-results/{second.TaskResultId}{query}", "application/json");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private async Task<HttpResponseMessage> GetAsync(string url, string accept)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Accept.ParseAdd(accept);
        return await fx.Api.Http.SendAsync(request);
    }
}

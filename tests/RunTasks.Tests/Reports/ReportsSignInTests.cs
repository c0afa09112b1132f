using System.Security.Claims;
using RunTasks.Api.ReportPages;

namespace RunTasks.Tests.Reports;

public sealed class ReportsSignInTests
{
    private static readonly ReportsSignInOptions Settings = new()
    {
        Authority = "https://login.acme.example",
        ClientId = "runtasks",
        AllowedGroups = ["platform"],
        AllowedEmailDomains = ["acme.example"],
    };

    [Fact]
    public void Member_of_an_allowed_group_may_read() =>
        Assert.True(Allows(User(("groups", "dev"), ("groups", "platform"))), "group");

    [Fact]
    public void Verified_address_in_an_allowed_domain_may_read_whatever_its_case() =>
        Assert.True(Allows(User(("email", "auditor@ACME.example"), ("email_verified", "true"))), "domain");

    [Theory]
    [InlineData("auditor@acme.example", "false")]
    [InlineData("auditor@acme.example.evil.example", "true")]
    [InlineData("acme.example", "true")]
    public void Unverified_or_lookalike_address_may_not_read(string email, string verified) =>
        Assert.False(Allows(User(("email", email), ("email_verified", verified))));

    [Fact]
    public void Group_names_are_compared_exactly() =>
        Assert.False(Allows(User(("groups", "Platform"), ("groups", "platform-readers"))));

    [Fact]
    public void Anonymous_may_not_read() =>
        Assert.False(ReaderRule.Allows(new ClaimsPrincipal(new ClaimsIdentity()), Settings));

    [Fact]
    public void Sign_in_that_would_admit_everyone_who_signs_in_is_refused()
    {
        var result = new ReportsSignInOptionsValidator().Validate(null, new ReportsSignInOptions { Authority = "https://login.acme.example", ClientId = "runtasks" });

        Assert.True(result.Failed);
        Assert.Contains("AllowedGroups or RunTasks:Reports:AllowedEmailDomains is required", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Http_authority_is_refused_unless_allowed_by_name()
    {
        var http = new ReportsSignInOptions { Authority = "http://dex.internal:5556", ClientId = "runtasks", AllowedGroups = ["platform"] };

        Assert.True(new ReportsSignInOptionsValidator().Validate(null, http).Failed);
        http.RequireHttpsMetadata = false;
        Assert.True(new ReportsSignInOptionsValidator().Validate(null, http).Succeeded);
    }

    private static bool Allows(ClaimsPrincipal user) => ReaderRule.Allows(user, Settings);

    private static ClaimsPrincipal User(params (string Type, string Value)[] claims) =>
        new(new ClaimsIdentity(claims.Select(c => new Claim(c.Type, c.Value)), "test"));
}

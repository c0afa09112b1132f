using static RunTasks.Analysis.Tests.TestPlans;

namespace RunTasks.Analysis.Tests.Rules.PublicStorage;

public sealed class PublicStorageTests
{
    [Theory]
    [InlineData("public-read")]
    [InlineData("public-read-write")]
    public async Task Public_canned_acl_fails(string acl)
    {
        var report = await AnalyzeAsync(Plan(Change("aws_s3_bucket_acl", """["create"]""", $$"""{"acl":"{{acl}}"}""")));

        Assert.Single(report.Of("public_storage"));
        Assert.False(report.Passed);
    }

    [Fact]
    public async Task Private_acl_passes()
    {
        var report = await AnalyzeAsync(Plan(Change("aws_s3_bucket_acl", """["create"]""", """{"acl":"private"}""")));

        Assert.True(report.Passed);
    }

    [Fact]
    public async Task Public_access_block_turned_off_fails()
    {
        var json = Plan(Change("aws_s3_bucket_public_access_block", """["update"]""", """{"block_public_acls":true,"block_public_policy":false,"ignore_public_acls":true,"restrict_public_buckets":true}""", before: """{"block_public_acls":true,"block_public_policy":true,"ignore_public_acls":true,"restrict_public_buckets":true}"""));

        var report = await AnalyzeAsync(json);

        var finding = Assert.Single(report.Of("public_storage"));
        Assert.Contains("block_public_policy", finding.Description, StringComparison.Ordinal);
        Assert.Contains("`true` → `false`", finding.MarkdownBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bucket_iam_binding_to_all_users_fails()
    {
        var json = Plan(Change("google_storage_bucket_iam_member", """["create"]""", """{"bucket":"b","role":"roles/storage.objectViewer","member":"allUsers"}"""));

        var report = await AnalyzeAsync(json);

        Assert.Contains("allUsers", Assert.Single(report.Of("public_storage")).Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bucket_iam_binding_to_a_group_passes()
    {
        var json = Plan(Change("google_storage_bucket_iam_binding", """["create"]""", """{"bucket":"b","role":"roles/storage.objectViewer","members":["group:data@acme.com"]}"""));

        var report = await AnalyzeAsync(json);

        Assert.True(report.Passed);
    }

    [Fact]
    public async Task Storage_account_with_public_blobs_fails()
    {
        var json = Plan(Change("azurerm_storage_account", """["create"]""", """{"name":"acme","allow_nested_items_to_be_public":true}"""));

        var report = await AnalyzeAsync(json);

        Assert.Single(report.Of("public_storage"));
    }

    [Fact]
    public async Task Bucket_policy_allowing_everyone_fails()
    {
        var policy = """{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::b/*\"}]}""";
        var json = Plan(Change("aws_s3_bucket_policy", """["create"]""", $$"""{"bucket":"b","policy":"{{policy}}"}"""));

        var report = await AnalyzeAsync(json);

        Assert.Single(report.Of("public_storage"));
    }

    private static readonly string[] PolicyResources =
    [
        "aws_s3_bucket_policy:policy", "aws_sns_topic_policy:policy", "aws_sqs_queue_policy:policy", "aws_kms_key:policy",
"aws_ecr_repository_policy:policy", "aws_secretsmanager_secret_policy:policy",
        "aws_efs_file_system_policy:policy", "aws_opensearch_domain_policy:access_policies", "aws_glacier_vault:access_policy",
    ];

    public static TheoryData<string, string, bool> ResourcePolicyCases()
    {
        (string Condition, bool Public)[] conditions =
        [
            ("""{"Bool":{"aws:SecureTransport":"true"}}""", true),
            ("""{"DateLessThan":{"aws:CurrentTime":"2030-01-01T00:00:00Z"}}""", true),
            ("""{"StringLike":{"aws:UserAgent":"*"}}""", true),
            ("""{"StringEquals":{"aws:ResourceTag/team":"web"}}""", true),
            ("{}", true),
            ("""{"IpAddress":{"aws:SourceIp":"10.0.0.0/16"}}""", false),
            ("""{"StringEquals":{"aws:SourceVpc":"vpc-0abc"}}""", false),
            ("""{"StringEquals":{"aws:SourceVpce":"vpce-0abc"}}""", false),
            ("""{"ArnLike":{"aws:SourceArn":"arn:aws:s3:::logs-bucket"}}""", false),
            ("""{"StringEquals":{"aws:SourceAccount":"111122223333"}}""", false),
            ("""{"StringEquals":{"aws:SourceOwner":"111122223333"}}""", false),
            ("""{"StringEquals":{"aws:PrincipalOrgID":"o-abc123"}}""", false),
            ("""{"StringEquals":{"aws:PrincipalAccount":"111122223333"}}""", false),
            ("""{"ArnEquals":{"aws:PrincipalArn":"arn:aws:iam::111122223333:role/reader"}}""", false),
            ("""{"StringLike":{"aws:userid":"AROAEXAMPLE:*"}}""", false),
            ("""{"IpAddress":{"aws:SourceIp":"0.0.0.0/0"}}""", true),
            ("""{"StringLike":{"aws:PrincipalOrgID":"*"}}""", true),
            ("""{"StringNotEquals":{"aws:SourceVpc":"vpc-0abc"}}""", true),
            ("""{"StringEqualsIfExists":{"aws:SourceVpce":"vpce-0abc"}}""", true),
            ("""{"ArnLike":{"aws:SourceArn":"arn:aws:sns:*:*:topic"}}""", true),
        ];
        var data = new TheoryData<string, string, bool>();
        foreach (var resource in PolicyResources)
        {
            foreach (var (condition, open) in conditions)
            {
                data.Add(resource, condition, open);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ResourcePolicyCases))]
    public async Task Resource_policy_for_everyone_is_public_unless_a_condition_pins_who(string resource, string condition, bool open)
    {
        var (type, attribute) = (resource[..resource.IndexOf(':', StringComparison.Ordinal)], resource[(resource.IndexOf(':', StringComparison.Ordinal) + 1)..]);
        var document = $$"""{"Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"*","Resource":"*","Condition":{{condition}}}]}""";
        var json = Plan(Change(type, """["create"]""", $$"""{"{{attribute}}":{{System.Text.Json.JsonSerializer.Serialize(document)}}}"""));

        var report = await AnalyzeAsync(json);

        Assert.Equal(open, report.Of("public_storage").Any());
    }

    [Fact]
    public async Task Allow_with_NotPrincipal_is_public()
    {
        var policy = """{\"Statement\":[{\"Effect\":\"Allow\",\"NotPrincipal\":{\"AWS\":\"arn:aws:iam::111122223333:root\"},\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::b/*\"}]}""";

        var report = await AnalyzeAsync(Plan(Change("aws_s3_bucket_policy", """["create"]""", $$"""{"bucket":"b","policy":"{{policy}}"}""")));

        Assert.Contains("allowing everyone outside its NotPrincipal", Assert.Single(report.Of("public_storage")).Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bucket_policy_with_only_a_transport_condition_names_the_condition()
    {
        var policy = """{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::b/*\",\"Condition\":{\"Bool\":{\"aws:SecureTransport\":\"true\"}}}]}""";

        var report = await AnalyzeAsync(Plan(Change("aws_s3_bucket_policy", """["create"]""", $$"""{"bucket":"b","policy":"{{policy}}"}""")));

        Assert.Contains("allowing Principal \"*\" with conditions that do not narrow who can reach it (aws:SecureTransport)", Assert.Single(report.Of("public_storage")).Description, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{}", true)]
    [InlineData("""{"source_arn":"arn:aws:s3:::uploads"}""", false)]
    [InlineData("""{"source_account":"111122223333"}""", false)]
    [InlineData("""{"principal_org_id":"o-abc123"}""", false)]
    public async Task Lambda_permission_for_everyone_is_public_unless_it_names_a_source(string narrowing, bool open)
    {
        var after = System.Text.Json.Nodes.JsonNode.Parse(narrowing)!.AsObject();
        after["principal"] = "*";
        after["action"] = "lambda:InvokeFunction";

        var report = await AnalyzeAsync(Plan(Change("aws_lambda_permission", """["create"]""", after.ToJsonString())));

        Assert.Equal(open, report.Of("public_storage").Any());
    }
}

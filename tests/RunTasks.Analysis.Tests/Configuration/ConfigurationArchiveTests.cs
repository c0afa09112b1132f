using System.Formats.Tar;
using System.Text;
using RunTasks.Analysis.Configuration;
using RunTasks.Analysis.Engine;
using RunTasks.Analysis.Policies;

namespace RunTasks.Analysis.Tests.Configuration;

/// <summary>Configuration versions (.tar.gz) read without trusting them, and judged by the configuration rules.</summary>
public sealed class ConfigurationArchiveTests
{
    private const string AwsKeyId = "AKIAZ5JQ7EXAMPLEKEY2";
    private const string GitHubToken = "ghp_abcdefghijklmnopqrstuvwxyz0123456789";

    private static readonly (string, string)[] ModuleTree =
    [
        ("terraform/main.tf", """
            terraform {
              required_providers {
                aws = {
                  source  = "hashicorp/aws"
                  version = "~> 5.0"
                }
                random = { source = "hashicorp/random" }
              }
            }

            module "vpc" {
              source  = "terraform-aws-modules/vpc/aws"
              version = "5.1.2"
            }

            module "db" {
              source = "terraform-aws-modules/rds/aws" # no version
            }

            module "local" {
              source = "./modules/app"
            }
            """),
        ("terraform/modules/app/main.tf", """
            module "lib" {
              source = "git::https://example.com/lib.git?ref=main"
            }
            """),
    ];

    [Fact]
    public async Task Module_tree_reports_floating_modules_and_providers_with_file_and_line()
    {
        var report = await Archives.AnalyzeAsync(Archives.Build(ModuleTree), workingDirectory: "/terraform");

        Assert.True(report.Passed);
        Assert.Equal(["terraform/main.tf:16", "terraform/modules/app/main.tf:1"], report.Of("module_pinning").Select(f => f.Address).Order(StringComparer.Ordinal));
        var provider = Assert.Single(report.Of("provider_pinning"));
        Assert.Equal("terraform/main.tf:7", provider.Address);
        Assert.Contains("hashicorp/random", provider.Description, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("../../etc/passwd")]
    [InlineData("terraform/../../etc/passwd")]
    [InlineData("/etc/passwd")]
    public async Task Entry_escaping_the_directory_fails_the_run_and_is_not_read(string path)
    {
        var archive = Archives.Build([("main.tf", "# fine\n")], Archives.File(path, $"password = \"{GitHubToken}\"\n"));

        var report = await Archives.AnalyzeAsync(archive);

        Assert.False(report.Passed);
        var finding = Assert.Single(report.Of("archive_entry"));
        Assert.Equal(Severity.Error, finding.Severity);
        Assert.Contains("outside the configuration directory", finding.Description, StringComparison.Ordinal);
        Assert.Empty(report.Of("hardcoded_secrets"));
    }

    [Fact]
    public async Task Symlink_to_the_root_fails_the_run_and_is_not_followed()
    {
        var archive = Archives.Build([("main.tf", "# fine\n")], new PaxTarEntry(TarEntryType.SymbolicLink, "root") { LinkName = "/" });

        var report = await Archives.AnalyzeAsync(archive);

        Assert.False(report.Passed);
        Assert.Contains("outside the configuration", Assert.Single(report.Of("archive_entry")).Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Symlink_inside_the_configuration_is_only_noted()
    {
        var archive = Archives.Build([("modules/a/main.tf", "# fine\n")], new PaxTarEntry(TarEntryType.SymbolicLink, "modules/b") { LinkName = "a" });

        var report = await Archives.AnalyzeAsync(archive);

        Assert.True(report.Passed);
        Assert.Equal(Severity.Info, Assert.Single(report.Of("archive_entry")).Severity);
    }

    [Fact]
    public async Task Device_entry_fails_the_run()
    {
        var archive = Archives.Build([], new PaxTarEntry(TarEntryType.CharacterDevice, "dev/null"));

        var report = await Archives.AnalyzeAsync(archive);

        Assert.False(report.Passed);
        Assert.Contains("device", Assert.Single(report.Of("archive_entry")).Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Gzip_bomb_is_refused_after_reading_a_few_kilobytes()
    {
        // A tar header announcing a 1 GiB file, then 1024 gzip members of 1 MiB of zeros each: about 1 MB on the wire.
        var header = Archives.TarHeader(new UstarTarEntry(TarEntryType.RegularFile, "bomb.tf"));
        SetSize(header, 1L << 30);
        using var bomb = new RepeatingStream(Archives.Member(header), Archives.Member(new byte[1 << 20]), 1024);

        var report = await Archives.AnalyzeAsync(bomb);

        Assert.False(report.Passed);
        Assert.Equal("configuration_unreadable", Assert.Single(report.Findings).RuleId);
        Assert.Contains("compression bomb", report.Message, StringComparison.Ordinal);
        Assert.InRange(bomb.BytesRead, 1, 256 * 1024);
    }

    [Fact]
    public async Task Archive_over_the_expanded_size_is_refused()
    {
        var archive = Archives.Build([("big.txt", new string('a', 200_000))]);

        var report = await Archives.AnalyzeAsync(archive, limits: new ConfigurationLimits { MaxExpandedBytes = 100_000 });

        Assert.False(report.Passed);
        Assert.Contains("expands to more than", report.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hundred_thousand_tiny_entries_are_refused_at_the_entry_limit()
    {
        var entry = Archives.Member(Archives.TarHeader(Archives.File("f.txt", "x")));
        using var flood = new RepeatingStream([], entry, 100_000);

        var report = await Archives.AnalyzeAsync(flood);

        Assert.False(report.Passed);
        Assert.Contains("more than 20,000 entries", report.Message, StringComparison.Ordinal);
        Assert.True(flood.BytesRead < flood.Length / 2);
    }

    [Fact]
    public async Task Truncated_archive_throws_so_it_is_downloaded_again()
    {
        var archive = Archives.Build(ModuleTree);

        await Assert.ThrowsAnyAsync<IOException>(() => Archives.AnalyzeAsync(archive[..(archive.Length / 2)]));
    }

    [Fact]
    public async Task Bytes_that_are_not_a_tar_gz_fail_with_a_clear_message()
    {
        var report = await Archives.AnalyzeAsync(Encoding.UTF8.GetBytes("<html>not found</html>"));

        Assert.False(report.Passed);
        Assert.Contains("not a readable .tar.gz", report.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task File_over_the_size_limit_is_noted_as_not_checked()
    {
        var archive = Archives.Build([("plan.bin.tf", new string('#', 5000))]);

        var report = await Archives.AnalyzeAsync(archive, limits: new ConfigurationLimits { MaxFileBytes = 1024 });

        Assert.True(report.Passed);
        Assert.Contains("not checked", Assert.Single(report.Of("archive_entry")).Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Secrets_in_tf_tfvars_tf_json_and_readme_are_found_with_file_line_and_masked_value()
    {
        var archive = Archives.Build(
        [
            ("main.tf", $$"""
                provider "aws" {
                  region     = "eu-west-1"
                  access_key = "{{AwsKeyId}}"
                  secret_key = var.secret_key
                }
                """),
            ("prod.tfvars", "region = \"eu-west-1\"\ndb_password = \"Tr0ub4dor&3-horse\"\n"),
            ("db.tf.json", """{"resource":{"aws_db_instance":{"main":{"engine":"postgres","password":"correct-horse-battery"}}}}"""),
            ("README.md", $"# Setup\n\nUse the token\n{GitHubToken}\n"),
        ]);

        var report = await Archives.AnalyzeAsync(archive);

        Assert.False(report.Passed);
        var findings = report.Of("hardcoded_secrets").ToList();
        Assert.Equal(["README.md:4", "db.tf.json:1", "main.tf:3", "prod.tfvars:2"], findings.Select(f => f.Address).Order(StringComparer.Ordinal));
        var text = report.Message + string.Concat(findings.Select(f => f.Description + f.MarkdownBody));
        foreach (var secret in new[] { AwsKeyId, "Tr0ub4dor&3-horse", "correct-horse-battery", GitHubToken })
        {
            Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
        }

        Assert.Contains("aws_db_instance.main.password", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tfvars_json_and_legacy_provider_constraints_are_read()
    {
        var archive = Archives.Build(
        [
            ("prod.tfvars.json", "{\n  \"region\": \"eu-west-1\",\n  \"api_token\": \"a-very-long-api-token-value\"\n}\n"),
            ("versions.tf", "terraform {\n  required_providers {\n    aws = \">= 4.0\"\n  }\n}\n"),
        ]);

        var report = await Archives.AnalyzeAsync(archive);

        Assert.Equal("prod.tfvars.json:3", Assert.Single(report.Of("hardcoded_secrets")).Address);
        Assert.Contains("no upper bound", Assert.Single(report.Of("provider_pinning")).Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Interpolated_and_variable_credentials_are_not_reported()
    {
        var archive = Archives.Build([("main.tf", """
            resource "aws_db_instance" "main" {
              password = var.db_password
              username = "admin-${var.env}"
              master_password = "${var.master}"
            }
            """)]);

        var report = await Archives.AnalyzeAsync(archive);

        Assert.Empty(report.Of("hardcoded_secrets"));
    }

    [Fact]
    public async Task Pem_private_key_in_a_heredoc_is_found()
    {
        var archive = Archives.Build([("keys.tf", """
            locals {
              key = <<-EOT
                -----BEGIN RSA PRIVATE KEY-----
                MIIEowIBAAKCAQEA
                -----END RSA PRIVATE KEY-----
              EOT
            }
            """)]);

        var report = await Archives.AnalyzeAsync(archive);

        var finding = Assert.Single(report.Of("hardcoded_secrets"));
        Assert.Equal("keys.tf:3", finding.Address);
        Assert.Contains("PEM private key", finding.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Directory_is_checked_like_an_archive()
    {
        var directory = Directory.CreateTempSubdirectory("runtasks-config-");
        try
        {
            File.WriteAllText(Path.Combine(directory.FullName, "main.tf"), "module \"db\" {\n  source = \"terraform-aws-modules/rds/aws\"\n}\n");

            var report = await new ConfigurationAnalyzer(DefaultPolicies.Provider)
                .AnalyzeDirectoryAsync(directory.FullName, Archives.PrePlan, null, CancellationToken.None);

            Assert.Equal("main.tf:1", Assert.Single(report.Of("module_pinning")).Address);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    // ustar size field: 11 octal digits at offset 124; the checksum at 148 is recomputed over the header with the field as spaces.
    private static void SetSize(byte[] header, long size)
    {
        Encoding.ASCII.GetBytes(Convert.ToString(size, 8).PadLeft(11, '0') + "\0").CopyTo(header, 124);
        Array.Fill(header, (byte)' ', 148, 8);
        var sum = header.AsSpan(0, 512).ToArray().Sum(b => (int)b);
        Encoding.ASCII.GetBytes(Convert.ToString(sum, 8).PadLeft(6, '0') + "\0 ").CopyTo(header, 148);
    }
}

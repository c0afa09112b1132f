using RunTasks.Analysis.Configuration;

namespace RunTasks.Analysis.Tests.Configuration;

/// <summary>The shallow HCL reader: structure and literals, everything else raw, never a failure.</summary>
public sealed class HclReaderTests
{
    [Fact]
    public void Blocks_attributes_and_literals_are_read_with_lines()
    {
        var body = HclReader.Parse("""
            # comment
            resource "aws_db_instance" "main" {
              engine   = "postgres" // trailing
              password = var.db_password
              /* block
                 comment */
              tags = { Name = "db", "team" : "platform" }
            }
            """);

        var block = Assert.Single(body.Blocks);
        Assert.Equal(("resource", 2), (block.Type, block.Line));
        Assert.Equal(["aws_db_instance", "main"], block.Labels);
        Assert.Equal("postgres", block.Body.Attributes[0].Value.Literal);
        Assert.Null(block.Body.Attributes[1].Value.Literal);
        Assert.Equal("var.db_password", block.Body.Attributes[1].Value.Raw);
        Assert.Equal(7, block.Body.Attributes[2].Line);
        Assert.Equal(["Name", "team"], block.Body.Attributes[2].Value.Items!.Select(i => i.Name));
    }

    [Fact]
    public void Template_with_interpolation_is_not_a_literal()
    {
        var body = HclReader.Parse("a = \"x-${var.y}\"\nb = \"$${literal}\"\n");

        Assert.Null(body.Attributes[0].Value.Literal);
        Assert.Equal("${literal}", body.Attributes[1].Value.Literal);
    }

    [Fact]
    public void Heredoc_is_a_literal_and_what_follows_is_still_read()
    {
        var body = HclReader.Parse("a = <<-EOT\n  one\n  EOT\nb = \"two\"\n");

        Assert.Equal("  one\n", body.Attributes[0].Value.Literal);
        Assert.Equal(("two", 4), (body.Attributes[1].Value.Literal, body.Attributes[1].Line));
    }

    [Fact]
    public void Complex_expressions_stay_raw_and_do_not_derail_the_reader()
    {
        var body = HclReader.Parse("""
            locals {
              m = { for k, v in var.x : k => v if v != "}" }
              c = var.a ? "x" : [1, 2, { y = 3 }]
              f = jsonencode({ a = "b" })
            }
            output "o" { value = local.m }
            """);

        Assert.Equal(["locals", "output"], body.Blocks.Select(b => b.Type));
        Assert.Equal(["m", "c", "f"], body.Blocks[0].Body.Attributes.Select(a => a.Name));
        Assert.All(body.Blocks[0].Body.Attributes, a => Assert.Null(a.Value.Literal));
    }

    [Theory]
    [InlineData("resource \"a\" \"b\" {")]
    [InlineData("a = \"unterminated\nb = 1")]
    [InlineData("}}}} = = {{ \"")]
    [InlineData("x = <<EOT\nnever closed")]
    public void Malformed_input_is_read_without_throwing(string text)
    {
        var body = HclReader.Parse(text);

        Assert.NotNull(body);
    }

    [Fact]
    public void Nested_objects_that_turn_out_not_to_be_objects_are_read_once()
    {
        // Each level fails only after its children were read: re-reading them on failure would take 2^60 steps.
        var text = "a = " + string.Concat(Enumerable.Repeat("{ a = ", 60)) + "1" + string.Concat(Enumerable.Repeat(", 9 }", 60)) + "\nb = \"end\"\n";

        var body = HclReader.Parse(text);

        Assert.Equal("end", body.Attributes[^1].Value.Literal);
    }

    [Fact]
    public void Deep_nesting_does_not_overflow_the_stack()
    {
        var text = string.Concat(Enumerable.Repeat("a {", 100_000));

        Assert.NotNull(HclReader.Parse(text));
    }
}

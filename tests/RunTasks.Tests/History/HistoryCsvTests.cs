using System.Text;
using RunTasks.Api.Reports;
using RunTasks.Grains.History;
using RunTasks.Tests.HistoryContract;

namespace RunTasks.Tests.History;

/// <summary>The CSV exports open safely in a spreadsheet and parse back as RFC 4180.</summary>
public sealed class HistoryCsvTests
{
    [Theory]
    [InlineData("=HYPERLINK(\"http://x\")", "\"'=HYPERLINK(\"\"http://x\"\")\"")]
    [InlineData("+1", "'+1")]
    [InlineData("-1+2", "'-1+2")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tcmd", "'\tcmd")]
    [InlineData("\rcmd", "\"'\rcmd\"")]
    public void A_cell_a_spreadsheet_would_run_as_a_formula_is_neutralised(string value, string written) =>
        Assert.Equal(written, HistoryCsv.Cell(value));

    [Fact]
    public async Task A_for_each_key_with_quotes_commas_and_newlines_stays_one_cell()
    {
        const string address = "aws_s3_bucket.b[\"a,\\\"b\\\"\nc\"]";
        var entry = HistoryEntries.Run("t1", "web", HistoryEntries.Start, $"r1@{address}");
        var finding = new FindingRecord
        {
            TaskResultId = "t1", Ordinal = 0, FinishedAt = HistoryEntries.Start, Stage = "post_plan", RuleId = "r1",
            Severity = entry.Findings[0].Severity, Address = address, Title = "t", FirstSeenAt = HistoryEntries.Start,
        };
        using var output = new MemoryStream();

        await HistoryCsv.WriteFindingsAsync(new[] { finding }.ToAsyncEnumerable(), output, CancellationToken.None);

        var rows = ParseRfc4180(Encoding.UTF8.GetString(output.ToArray()));
        Assert.Equal(2, rows.Count);
        Assert.Equal(rows[0].Count, rows[1].Count);
        Assert.Equal(address, rows[1][rows[0].IndexOf("address")]);
    }

    /// <summary>A strict reader: quoted fields with doubled quotes, CRLF between records.</summary>
    private static List<List<string>> ParseRfc4180(string text)
    {
        var rows = new List<List<string>>();
        var row = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    cell.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    cell.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                row.Add(cell.ToString());
                cell.Clear();
            }
            else if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                row.Add(cell.ToString());
                cell.Clear();
                rows.Add(row);
                row = [];
                i++;
            }
            else
            {
                cell.Append(c);
            }
        }

        return rows;
    }
}

using System.Globalization;
using System.Text.Json;

namespace ValueSegmentation.Cli.Tests;

/// <summary>
/// Bad input end to end: the data issue's corpus of malformed files (exit 1 with file, line and column), collecting
/// rejects into a rejects file (rows read = used + rejected), and text from the data that must not act as code — a
/// spreadsheet formula in an exported CSV, markup in the HTML report.
/// </summary>
public sealed class BadInputTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    /// <summary>Malformed/expected.csv (written with the corpus by the data tests): file, kind, line, column, reason.</summary>
    public static TheoryData<string, string, long, int, string> Corpus()
    {
        var data = new TheoryData<string, string, long, int, string>();
        foreach (string line in File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Malformed", "expected.csv")).Skip(1))
        {
            string[] f = line.Split(',', 5);
            data.Add(f[0], f[1], long.Parse(f[2], CultureInfo.InvariantCulture), int.Parse(f[3], CultureInfo.InvariantCulture), f[4]);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Corpus))]
    public void A_malformed_file_exits_with_1_naming_the_file_line_and_column(string file, string kind, long line, int column, string reason)
    {
        string path = Path.Combine(AppContext.BaseDirectory, "Malformed", file);
        var run = Vseg.Run("analyze", path, "--model", "revenue", "--time-unit", "days");
        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains(path, run.Error, StringComparison.Ordinal);
        if (line > 0 || kind == "row")
        {
            Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"line {line}"), run.Error, StringComparison.Ordinal);
        }

        if (column > 0)
        {
            Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"column {column}"), run.Error, StringComparison.Ordinal);
        }

        Assert.Contains(reason, run.Error, StringComparison.Ordinal);
        Assert.Empty(run.Output);
    }

    [Theory]
    [MemberData(nameof(Corpus))]
    public void Skip_invalid_writes_the_bad_row_to_the_rejects_file_and_uses_the_others(string file, string kind, long line, int column, string reason)
    {
        string path = Path.Combine(AppContext.BaseDirectory, "Malformed", file);
        var run = Vseg.Run("analyze", path, "--model", "revenue", "--time-unit", "days", "--skip-invalid", "--out", _folder.Path, "--format", "json");
        if (kind != "row")
        {
            // A header without a needed column, broken quoting and an empty file cannot be skipped like a row.
            Assert.True(run.ExitCode == 1, run.ToString());
            Assert.Contains(line > 0 ? string.Create(CultureInfo.InvariantCulture, $"line {line}") : reason, run.Error, StringComparison.Ordinal);
            return;
        }

        Assert.True(run.ExitCode == 0, run.ToString());
        using var json = JsonDocument.Parse(run.Output);
        var input = json.RootElement.GetProperty("input");
        Assert.Equal(5, input.GetProperty("rowsRead").GetInt64());
        Assert.Equal(4, input.GetProperty("rowsUsed").GetInt64());
        Assert.Equal(1, input.GetProperty("rowsRejected").GetInt64());
        Assert.Equal(_folder["rejects.csv"], input.GetProperty("rejectsFile").GetString());
        var rejects = File.ReadAllLines(_folder["rejects.csv"]);
        Assert.Equal("source,line,column,column_name,value,reason", rejects[0]);
        Assert.Equal(2, rejects.Length);
        Assert.StartsWith(string.Create(CultureInfo.InvariantCulture, $"{path},{line},{column},"), rejects[1].TrimStart('"'), StringComparison.Ordinal);
        Assert.Contains(reason, rejects[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Exported_CSVs_neutralise_spreadsheet_formulas_in_ids_and_rejected_values()
    {
        string path = _folder.Write("formulas.csv", """
            customer_id,date,amount
            =HYPERLINK(A1),2024-01-05,10
            +SUM(A1:A9),2024-02-05,20
            @cmd,2024-03-05,30
            plain,2024-03-06,=1+2
            """);
        var run = Vseg.Run("analyze", path, "--model", "revenue", "--skip-invalid", "--out", _folder["out"]);
        Assert.True(run.ExitCode == 0, run.ToString());

        // Each formula id is written as text: quoted, with an apostrophe before its first character.
        string assignments = File.ReadAllText(Path.Combine(_folder["out"], "assignments.csv"));
        Assert.Contains("\"'=HYPERLINK(A1)\",", assignments, StringComparison.Ordinal);
        Assert.Contains("\"'+SUM(A1:A9)\",", assignments, StringComparison.Ordinal);
        Assert.Contains("\"'@cmd\",", assignments, StringComparison.Ordinal);
        string customers = File.ReadAllText(Path.Combine(_folder["out"], "customers.csv"));
        Assert.Contains("\"'=HYPERLINK(", customers, StringComparison.Ordinal);
        Assert.DoesNotContain("\n=", customers, StringComparison.Ordinal);
        string rejects = File.ReadAllText(Path.Combine(_folder["out"], "rejects.csv"));
        Assert.Contains(",\"'=1+2\",", rejects, StringComparison.Ordinal);
    }

    [Fact]
    public void A_customer_id_with_markup_is_escaped_in_the_report()
    {
        string path = _folder.Write("markup.csv", """
            customer_id,date,amount
            <script>alert(1)</script>,2024-01-05,500
            [red]bold[/],2024-01-06,400
            plain,2024-01-07,10
            """);
        var run = Vseg.Run("analyze", path, "--model", "revenue", "--out", _folder["out"]);
        Assert.True(run.ExitCode == 0, run.ToString());
        string html = File.ReadAllText(Path.Combine(_folder["out"], "report.html"));
        Assert.Contains("<td>&lt;script&gt;alert(1)&lt;/script&gt;</td>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.Contains("<td>[red]bold[/]</td>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void More_bad_rows_than_max_rejects_stop_the_run_and_keep_the_rejects_collected()
    {
        string path = _folder.Write("mostly-bad.csv", "customer_id,date,amount\na,2024-01-05,x\nb,2024-01-06,y\nc,2024-01-07,z\nd,2024-01-08,1\n");
        var run = Vseg.Run("analyze", path, "--model", "revenue", "--skip-invalid", "--max-rejects", "2", "--rejects", _folder["bad.csv"]);
        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("line 4", run.Error, StringComparison.Ordinal);
        var rejects = File.ReadAllLines(_folder["bad.csv"]);
        Assert.Equal(3, rejects.Length); // the header and the two rows collected before the third stopped the read
        Assert.Contains(",2,3,amount,x,", rejects[1], StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_input_file_exits_with_1()
    {
        var run = Vseg.Run("analyze", _folder["nothing-here.csv"]);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("does not exist", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Rows_after_the_end_are_refused_unless_dropped_and_then_counted()
    {
        string path = _folder.Write("late.csv", "customer_id,date,amount\na,2024-01-05,10\na,2024-02-05,20\nb,2024-03-05,30\n");
        var refused = Vseg.Run("analyze", path, "--model", "revenue", "--observation-end", "2024-02-28");
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("2024-03-05", refused.Error, StringComparison.Ordinal);

        var dropped = Vseg.Run("analyze", path, "--model", "revenue", "--observation-end", "2024-02-28", "--after-end", "drop", "--format", "json");
        Assert.True(dropped.ExitCode == 0, dropped.ToString());
        using var json = JsonDocument.Parse(dropped.Output);
        var input = json.RootElement.GetProperty("input");
        Assert.Equal(3, input.GetProperty("rowsRead").GetInt64());
        Assert.Equal(2, input.GetProperty("rowsUsed").GetInt64());
        Assert.Equal(0, input.GetProperty("rowsRejected").GetInt64());
        Assert.Equal(1, input.GetProperty("rowsDroppedAfterEnd").GetInt64());
        Assert.Equal(1, json.RootElement.GetProperty("metrics").GetProperty("customers").GetInt32());
    }
}

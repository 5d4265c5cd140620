using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using ValueSegmentation.Tests.TestData;

namespace ValueSegmentation.Cli.Tests;

/// <summary>
/// The HTML report opened in a real browser: Debian's chromium, driven headless through its chromedriver (both
/// installed by .ci/run; without them this test fails and says so). A screenshot is taken, every chart is present,
/// loaded and visible, and a customer id written as a script shows as text and runs nothing.
/// </summary>
public sealed class ReportBrowserTests : IDisposable
{
    private const string Chromium = "/usr/bin/chromium";
    private const string ChromeDriver = "/usr/bin/chromedriver";
    private const string ScriptId = "<script>alert(1)</script>";

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void The_report_opens_in_chromium_with_every_chart_visible_and_markup_shown_as_text()
    {
        Assert.True(File.Exists(Chromium) && File.Exists(ChromeDriver), $"This test needs Debian's chromium and chromium-driver ({Chromium}, {ChromeDriver}): apt-get install chromium chromium-driver (.ci/run installs them).");

        // The CDNOW sample with one more customer, the best of all, whose id is a script: it appears in the table of
        // the highest-valued customers.
        string log = _folder.Write("cdnow.txt", File.ReadAllText(Cdnow.PathOf("CDNOW_sample.txt")).Replace("\r", string.Empty, StringComparison.Ordinal)
            + $"99999 {ScriptId} 19970105 40 3000.00\n99999 {ScriptId} 19970305 40 3000.00\n");
        var run = Vseg.Run("analyze", log, "--whitespace-separated", "--no-header", "--customer-column", "1", "--timestamp-column", "2", "--amount-column", "4",
            "--observation-end", "1998-06-30", "--calibration-end", "1997-09-30", "--out", _folder["out"]);
        Assert.True(run.ExitCode == 0, run.ToString());

        var service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(ChromeDriver)!, Path.GetFileName(ChromeDriver));
        service.HideCommandPromptWindow = true;
        service.SuppressInitialDiagnosticInformation = true;
        var options = new ChromeOptions { BinaryLocation = Chromium };
        options.AddArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--window-size=1600,1200", $"--user-data-dir={_folder["profile"]}");
        using var driver = new ChromeDriver(service, options, TimeSpan.FromSeconds(60));
        driver.Navigate().GoToUrl(new Uri(Path.Combine(_folder["out"], "report.html")).AbsoluteUri);

        Assert.Equal("Customer value report", driver.FindElement(By.TagName("h1")).Text);
        string[] charts = ["lorenz", "value-loyalty", "segment-shares", "p-alive", "tracking", "holdout-frequency"];
        foreach (string chart in charts)
        {
            var image = driver.FindElement(By.CssSelector($"#chart-{chart} img"));
            ((IJavaScriptExecutor)driver).ExecuteScript("arguments[0].scrollIntoView(true);", image);
            Assert.True(image.Displayed, chart);
            Assert.True(image.Size.Width > 300 && image.Size.Height > 150, $"{chart}: {image.Size}");
            var natural = (long)((IJavaScriptExecutor)driver).ExecuteScript("return arguments[0].complete ? arguments[0].naturalWidth : 0;", image)!;
            Assert.True(natural >= 700, $"{chart} did not load: natural width {natural}");
        }

        Assert.Equal(charts.Length, driver.FindElements(By.CssSelector("figure.chart img")).Count);

        // The id is text in a cell, not a script: the page has no script element and no alert is open.
        var cell = driver.FindElements(By.CssSelector("#customers td")).First(td => td.Text.Contains("alert", StringComparison.Ordinal));
        Assert.Equal(ScriptId, cell.Text);
        Assert.Equal(0L, (long)((IJavaScriptExecutor)driver).ExecuteScript("return document.getElementsByTagName('script').length;")!);
        Assert.Throws<NoAlertPresentException>(() => driver.SwitchTo().Alert());

        ((IJavaScriptExecutor)driver).ExecuteScript("window.scrollTo(0, 0);");
        var screenshot = ((ITakesScreenshot)driver).GetScreenshot();
        string artifacts = Path.Combine(AppContext.BaseDirectory, "report-screenshot.png");
        screenshot.SaveAsFile(artifacts);
        Assert.True(new FileInfo(artifacts).Length > 20_000);
    }
}

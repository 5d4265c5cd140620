namespace ValueSegmentation.Cli.Input;

/// <summary>
/// The CDNOW sample embedded in the tool: 6,919 purchases by 2,357 customers of an online music retailer, 1997-01-01
/// to 1998-06-30 (Fader, Hardie &amp; Lee 2005; data/CDNOW_sample.txt, see data/README.md). Without an input file a
/// command reads it with these settings: the 39-week calibration period of the paper, then a 39-week holdout.
/// </summary>
internal static class EmbeddedSample
{
    /// <summary>The name in messages and reports.</summary>
    public const string Name = "CDNOW_sample.txt (embedded sample)";

    /// <summary>How the sample is read and windowed: aligned columns master id, sample id, date (yyyyMMdd), CDs,
    /// dollars; the customer is the sample id.</summary>
    public static IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
    {
        ["Input:WhitespaceSeparated"] = "true",
        ["Input:NoHeader"] = "true",
        ["Input:CustomerColumn"] = "1",
        ["Input:TimestampColumn"] = "2",
        ["Input:AmountColumn"] = "4",
        ["ValueSegmentation:ObservationEnd"] = "1998-06-30",
        ["ValueSegmentation:CalibrationEnd"] = "1997-09-30",
    };

    /// <summary>Opens the sample.</summary>
    public static Stream Open() =>
        typeof(EmbeddedSample).Assembly.GetManifestResourceStream("CDNOW_sample.txt")
        ?? throw new InvalidOperationException("The tool was built without its embedded CDNOW sample.");
}

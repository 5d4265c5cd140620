// Prelude "cdnow-transactions" of the documentation snippets (docs/snippets/README.md). It defines
//   transactions   IEnumerable<Transaction>: the CDNOW sample of data/ (6,919 transactions of 2,357 customers of an
//                  online music retailer, 1997-01-01 to 1998-06-30), in file order
// snippet: data=CDNOW_sample.txt
using System.Globalization;
using ValueSegmentation;

IEnumerable<Transaction> transactions = ReadCdnowSample(Path.Combine(AppContext.BaseDirectory, "data", "CDNOW_sample.txt"));

// Columns: master id, sample id, date (yyyyMMdd), number of CDs, dollar value; the customer is the sample id.
static Transaction[] ReadCdnowSample(string path) =>
    [.. File.ReadLines(path).Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Select(fields => new Transaction(
        fields[1].TrimStart('0'),
        new DateTimeOffset(DateTime.ParseExact(fields[2], "yyyyMMdd", CultureInfo.InvariantCulture), TimeSpan.Zero),
        double.Parse(fields[4], CultureInfo.InvariantCulture)))];

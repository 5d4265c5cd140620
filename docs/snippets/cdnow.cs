// Prelude "cdnow" of the documentation snippets (docs/snippets/README.md). On top of "cdnow-transactions"
// (`transactions`, the CDNOW sample) it defines
//   customers      the customers' summaries (a CustomerSummaryCollection) over the window of the published CDNOW
//                  figures: calibration to 1997-09-30, holdout to 1998-06-30, time in weeks, same-day transactions
//                  counted as one purchase
// snippet: prelude=cdnow-transactions
using ValueSegmentation;
using ValueSegmentation.Transactions;

var customers = CustomerSummary.FromTransactions(transactions, new ObservationWindow(
    end: new DateTimeOffset(1998, 6, 30, 0, 0, 0, TimeSpan.Zero),
    timeUnit: TimeUnit.Weeks,
    purchasePeriod: PurchasePeriod.Day,
    calibrationEnd: new DateTimeOffset(1997, 9, 30, 0, 0, 0, TimeSpan.Zero)));

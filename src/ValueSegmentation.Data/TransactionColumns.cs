namespace ValueSegmentation.Data;

/// <summary>
/// Which columns of a source hold a transaction's fields. A field left <see langword="null"/> is found by the names
/// common exports use (<see cref="CustomerIdNames"/> and the others, tried in order); without a header the columns
/// are taken in the order customer, timestamp, amount and, when there is a fourth, cost.
/// </summary>
/// <remarks>Immutable once created (init-only properties) and thread-safe.</remarks>
public sealed class TransactionColumns
{
    /// <summary>The names tried for the customer id: customer_id, customer, cust_id, client_id, user_id, member_id, id
    /// (compared ignoring case, spaces, underscores, dots and hyphens, so "CustomerID" and "Customer ID" match too).</summary>
    public static IReadOnlyList<string> CustomerIdNames { get; } = ["customer_id", "customer", "cust_id", "client_id", "user_id", "member_id", "id"];

    /// <summary>The names tried for the timestamp: timestamp, date, datetime, order_date, invoice_date,
    /// transaction_date, purchase_date, created_at, time.</summary>
    public static IReadOnlyList<string> TimestampNames { get; } = ["timestamp", "date", "datetime", "order_date", "invoice_date", "transaction_date", "purchase_date", "created_at", "time"];

    /// <summary>The names tried for the amount: amount, revenue, sales, value, dollar_value (CDNOW), order_value, total,
    /// net_amount, spend, spending (CLVTools), price, monetary_value.</summary>
    public static IReadOnlyList<string> AmountNames { get; } = ["amount", "revenue", "sales", "value", "dollar_value", "order_value", "total", "net_amount", "spend", "spending", "price", "monetary_value"];

    /// <summary>The names tried for the optional cost of goods: cost, cogs, cost_of_goods.</summary>
    public static IReadOnlyList<string> CostNames { get; } = ["cost", "cogs", "cost_of_goods"];

    /// <summary>The customer id column; <see langword="null"/> to find it by <see cref="CustomerIdNames"/>.</summary>
    public ColumnSelector? CustomerId { get; init; }

    /// <summary>The timestamp column; <see langword="null"/> to find it by <see cref="TimestampNames"/>.</summary>
    public ColumnSelector? Timestamp { get; init; }

    /// <summary>The amount column; <see langword="null"/> to find it by <see cref="AmountNames"/>. With
    /// <see cref="Quantity"/>, it holds the unit price.</summary>
    public ColumnSelector? Amount { get; init; }

    /// <summary>The optional cost column; <see langword="null"/> to use a column named as in <see cref="CostNames"/> if
    /// there is one, and no cost otherwise.</summary>
    public ColumnSelector? Cost { get; init; }

    /// <summary>An optional quantity column (never found by name): when set, a transaction's amount is the quantity
    /// times the <see cref="Amount"/> column (a unit price), and its cost, if any, the quantity times the cost column.</summary>
    public ColumnSelector? Quantity { get; init; }
}

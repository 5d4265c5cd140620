namespace ValueSegmentation.Sql;

/// <summary>
/// Where the transactions are: a table (or view) and its columns — the customer, the time of the transaction as a
/// clock time (a TIMESTAMP without a zone, or a DATE: the library counts purchase periods on the clock date as
/// recorded), the amount and, optionally, the cost of goods.
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class TransactionTable
{
    /// <summary>Names the table and its columns.</summary>
    /// <param name="table">The table or view, optionally qualified ("sales.orders"); quoted for the dialect.</param>
    /// <param name="customerColumn">The customer's id.</param>
    /// <param name="timestampColumn">The time of the transaction (TIMESTAMP without a zone, or DATE).</param>
    /// <param name="amountColumn">The amount, in the currency of the summaries.</param>
    /// <param name="costColumn">The cost of goods, or <see langword="null"/> when the table has none.</param>
    /// <exception cref="ArgumentException">A name is empty or white space.</exception>
    public TransactionTable(string table, string customerColumn, string timestampColumn, string amountColumn, string? costColumn = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(table);
        ArgumentException.ThrowIfNullOrWhiteSpace(customerColumn);
        ArgumentException.ThrowIfNullOrWhiteSpace(timestampColumn);
        ArgumentException.ThrowIfNullOrWhiteSpace(amountColumn);
        if (costColumn is not null)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(costColumn);
        }

        Table = table;
        CustomerColumn = customerColumn;
        TimestampColumn = timestampColumn;
        AmountColumn = amountColumn;
        CostColumn = costColumn;
    }

    /// <summary>The table or view.</summary>
    public string Table { get; }

    /// <summary>The customer's id column.</summary>
    public string CustomerColumn { get; }

    /// <summary>The timestamp column.</summary>
    public string TimestampColumn { get; }

    /// <summary>The amount column.</summary>
    public string AmountColumn { get; }

    /// <summary>The cost column, or <see langword="null"/>.</summary>
    public string? CostColumn { get; }

    /// <summary>
    /// A SQL condition on the table's rows, written in the engine's dialect over its column names, or
    /// <see langword="null"/> for every row: only one store's orders, say, or one part of the customers
    /// (<c>hash(customer_id) % 4 = 0</c>) when the engine builds the summaries a part at a time. It is inserted as given:
    /// never build it from untrusted text.
    /// </summary>
    /// <exception cref="ArgumentException">The condition is empty or white space.</exception>
    public string? Where
    {
        get;
        init
        {
            if (value is not null)
            {
                ArgumentException.ThrowIfNullOrWhiteSpace(value);
            }

            field = value;
        }
    }
}

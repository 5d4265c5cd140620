namespace ValueSegmentation.Data;

/// <summary>
/// Which columns of a summary table (one row per customer) hold each number. A column left <see langword="null"/> is
/// found by the names lifetimes, CLVTools and the BTYD packages write (tried in order, compared ignoring case, spaces,
/// underscores, dots and hyphens).
/// </summary>
/// <remarks>Immutable once created (init-only properties) and thread-safe.</remarks>
public sealed class SummaryTableColumns
{
    /// <summary>The names tried for the customer id: customer_id, id, customer, cust, cust_id, client_id, user_id.</summary>
    public static IReadOnlyList<string> CustomerIdNames { get; } = ["customer_id", "id", "customer", "cust", "cust_id", "client_id", "user_id"];

    /// <summary>The names tried for the frequency (repeat purchases): frequency, x, frequency_cal.</summary>
    public static IReadOnlyList<string> FrequencyNames { get; } = ["frequency", "x", "frequency_cal"];

    /// <summary>The names tried for the recency (first to last purchase): recency, t_x (t.x), recency_cal.</summary>
    public static IReadOnlyList<string> RecencyNames { get; } = ["recency", "t_x", "recency_cal"];

    /// <summary>The names tried for the age (first purchase to the end of calibration): T, T_cal (T.cal), age.</summary>
    public static IReadOnlyList<string> AgeNames { get; } = ["T", "T_cal", "age"];

    /// <summary>The names tried for the mean repeat purchase value: monetary_value, m_x (m.x), monetary_value_cal, spending.</summary>
    public static IReadOnlyList<string> MonetaryValueNames { get; } = ["monetary_value", "m_x", "monetary_value_cal", "spending"];

    /// <summary>The names tried for the optional total calibration revenue: revenue.</summary>
    public static IReadOnlyList<string> RevenueNames { get; } = ["revenue"];

    /// <summary>The names tried for the optional cost of goods: cost_of_goods, cost.</summary>
    public static IReadOnlyList<string> CostOfGoodsNames { get; } = ["cost_of_goods", "cost"];

    /// <summary>The names tried for the optional holdout purchases: frequency_holdout, x_star (x.star).</summary>
    public static IReadOnlyList<string> HoldoutPurchasesNames { get; } = ["frequency_holdout", "x_star"];

    /// <summary>The names tried for the optional holdout revenue: revenue_holdout.</summary>
    public static IReadOnlyList<string> HoldoutRevenueNames { get; } = ["revenue_holdout"];

    /// <summary>The customer id column; <see langword="null"/> to find it by name.</summary>
    public ColumnSelector? CustomerId { get; init; }

    /// <summary>The frequency column; <see langword="null"/> to find it by name.</summary>
    public ColumnSelector? Frequency { get; init; }

    /// <summary>The recency column; <see langword="null"/> to find it by name.</summary>
    public ColumnSelector? Recency { get; init; }

    /// <summary>The age (T) column; <see langword="null"/> to find it by name.</summary>
    public ColumnSelector? Age { get; init; }

    /// <summary>The monetary value column; <see langword="null"/> to find it by name.</summary>
    public ColumnSelector? MonetaryValue { get; init; }

    /// <summary>The optional revenue column; <see langword="null"/> to use one found by name, if any.</summary>
    public ColumnSelector? Revenue { get; init; }

    /// <summary>The optional cost of goods column; <see langword="null"/> to use one found by name, if any.</summary>
    public ColumnSelector? CostOfGoods { get; init; }

    /// <summary>The optional holdout purchases column; <see langword="null"/> to use one found by name, if any.</summary>
    public ColumnSelector? HoldoutPurchases { get; init; }

    /// <summary>The optional holdout revenue column; <see langword="null"/> to use one found by name, if any.</summary>
    public ColumnSelector? HoldoutRevenue { get; init; }
}

using ValueSegmentation.Transactions;

namespace ValueSegmentation.Metrics;

/// <summary>The names of common activity drivers of the cost to serve a customer.</summary>
/// <remarks>Constants only: immutable and thread-safe.</remarks>
public static class ActivityDrivers
{
    /// <summary>Orders placed. When a <see cref="CostToServeModel"/> is given a <see cref="CustomerSummary"/>, it counts the customer's purchases.</summary>
    public const string Orders = "orders";

    /// <summary>Returns handled.</summary>
    public const string Returns = "returns";

    /// <summary>Support contacts (calls, e-mails, chats).</summary>
    public const string SupportContacts = "support contacts";

    /// <summary>Deliveries made.</summary>
    public const string Deliveries = "deliveries";
}

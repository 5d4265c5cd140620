using ValueSegmentation.Segmentation;

namespace ValueSegmentation.Analysis;

/// <summary>One row of a <see cref="SegmentReport"/>: a segment, or the whole population.</summary>
/// <param name="Segment">The segment; <see langword="null"/> for the whole population.</param>
/// <param name="Customers">Number of customers.</param>
/// <param name="CustomerShare">Share of the population's customers, in [0, 1].</param>
/// <param name="Revenue">Revenue in the calibration period.</param>
/// <param name="RevenueShare">Share of the population's revenue; <see langword="null"/> when that is 0, or so near 0 (revenues that cancel) that the share would overflow.</param>
/// <param name="CostOfGoods">Cost of goods of the transactions that carry a cost.</param>
/// <param name="CostToServe">Cost to serve, from the report's cost function (0 without one).</param>
/// <param name="Profit">Revenue − cost of goods − cost to serve; negative for a loss-making segment.</param>
/// <param name="MeanValue">Mean of the report's value measure; <see langword="null"/> for an empty segment.</param>
/// <param name="MedianValue">Median of the value measure (the mean of the two middle values when the count is even).</param>
/// <param name="AverageOrderValue">Revenue per purchase over the segment.</param>
/// <param name="PurchaseFrequency">Pooled repeat purchases per customer per the report's period (Σx / ΣT).</param>
/// <param name="MeanLoyalty">Mean of the loyalty measure; <see langword="null"/> without one or for an empty segment.</param>
/// <remarks>An immutable value, safe to share between threads.</remarks>
public readonly record struct SegmentReportRow(
    Segment? Segment,
    int Customers,
    double CustomerShare,
    double Revenue,
    double? RevenueShare,
    double CostOfGoods,
    double CostToServe,
    double Profit,
    double? MeanValue,
    double? MedianValue,
    double? AverageOrderValue,
    double? PurchaseFrequency,
    double? MeanLoyalty);

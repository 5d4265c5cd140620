using ValueSegmentation.Probabilistic.Uncertainty;
using ValueSegmentation.Segmentation;

namespace ValueSegmentation.Probabilistic.Planning;

/// <summary>One segment's value at stake.</summary>
/// <param name="Segment">The segment.</param>
/// <param name="Customers">Its members.</param>
/// <param name="ValueAtStake">Σ P(alive) × value of an active customer over the members — the segment's total lifetime value
/// — with its interval.</param>
/// <param name="Share">The segment's share of the value at stake of all segments (of the estimates).</param>
/// <param name="RetentionBudget">The segment's part of the budget split, <see cref="ValueAtStake.Budget"/> × <paramref name="Share"/>;
/// 0 without a budget.</param>
/// <remarks>An immutable value, safe to share between threads. Money is a double: an estimate, not a ledger entry.</remarks>
public readonly record struct SegmentValueAtStake(Segment Segment, int Customers, Interval ValueAtStake, double Share, double RetentionBudget);

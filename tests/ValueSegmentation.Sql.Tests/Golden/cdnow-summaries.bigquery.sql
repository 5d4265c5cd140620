-- ValueSegmentation customer summaries (BigQuery): window calibration to 1997-09-30, holdout to 1998-06-30, in Weeks, purchases per Day
WITH tx AS (
  SELECT `customer_id` AS customer_id, CAST(`ordered_at` AS DATE) AS period_start, CAST(`amount` AS FLOAT64) AS amount, CAST(`cost` AS FLOAT64) AS cost
  FROM `sales`.`orders`
  WHERE `customer_id` IS NOT NULL AND `ordered_at` IS NOT NULL AND CAST(`amount` AS FLOAT64) - CAST(`amount` AS FLOAT64) = 0
),
periods AS (
  SELECT customer_id, period_start, SUM(amount) AS value, SUM(cost) AS cost, COUNT(*) AS transactions
  FROM tx
  WHERE period_start <= DATE '1998-06-30'
  GROUP BY customer_id, period_start
),
customers AS (
  SELECT customer_id,
    CAST(SUM(CASE WHEN period_start <= DATE '1997-09-30' THEN 1 ELSE 0 END) AS BIGINT) AS periods,
    MIN(period_start) AS first_start,
    MAX(CASE WHEN period_start <= DATE '1997-09-30' THEN period_start END) AS last_start,
    SUM(CASE WHEN period_start <= DATE '1997-09-30' THEN value ELSE 0 END) AS revenue,
    SUM(CASE WHEN period_start <= DATE '1997-09-30' THEN ABS(value) ELSE 0 END) AS gross_revenue,
    ARRAY_AGG(value ORDER BY period_start LIMIT 1)[OFFSET(0)] AS first_value,
    SUM(CASE WHEN period_start <= DATE '1997-09-30' THEN cost END) AS cost,
    CAST(SUM(CASE WHEN period_start <= DATE '1997-09-30' THEN transactions ELSE 0 END) AS BIGINT) AS transactions,
    CAST(SUM(CASE WHEN period_start <= DATE '1997-09-30' THEN 0 ELSE 1 END) AS BIGINT) AS holdout_periods,
    SUM(CASE WHEN period_start <= DATE '1997-09-30' THEN 0 ELSE value END) AS holdout_revenue
  FROM periods
  GROUP BY customer_id
  HAVING MIN(period_start) <= DATE '1997-09-30'
),
summaries AS (
  SELECT c.customer_id,
    c.periods - 1 AS frequency,
    CAST(DATE_DIFF(c.last_start, c.first_start, DAY) AS FLOAT64) / 7.0 AS recency,
    CAST(DATE_DIFF(DATE '1997-09-30', c.first_start, DAY) AS FLOAT64) / 7.0 AS t,
    CASE WHEN c.periods > 1 AND ABS(c.revenue - c.first_value) > 1e-12 * c.gross_revenue THEN (c.revenue - c.first_value) / (c.periods - 1) ELSE 0 END AS monetary_value,
    c.revenue,
    COALESCE(c.cost, 0) AS cost_of_goods,
    c.transactions,
    c.holdout_periods AS holdout_purchases,
    c.holdout_revenue,
    CAST(DATE_DIFF(DATE '1997-09-30', c.last_start, DAY) AS FLOAT64) / 7.0 AS time_since_last_purchase
  FROM customers c
)
SELECT * FROM summaries
ORDER BY customer_id

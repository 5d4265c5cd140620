-- ValueSegmentation customer summaries (Spark SQL): window calibration to 1997-09-30, holdout to 1998-06-30, in Weeks, purchases per Day
WITH tx AS (
  SELECT `customer_id` AS customer_id, CAST(`ordered_at` AS DATE) AS period_start, CAST(`amount` AS DOUBLE) AS amount, CAST(`cost` AS DOUBLE) AS cost
  FROM `sales`.`orders`
),
periods AS (
  SELECT customer_id, period_start, SUM(amount) AS value, SUM(cost) AS cost, COUNT(*) AS transactions,
    MIN(period_start) OVER (PARTITION BY customer_id) AS first_start
  FROM tx
  WHERE period_start <= DATE '1998-06-30'
  GROUP BY customer_id, period_start
),
calibration AS (
  SELECT customer_id, COUNT(*) AS periods, MIN(period_start) AS first_start, MAX(period_start) AS last_start,
    SUM(value) AS revenue, SUM(CASE WHEN period_start > first_start THEN value ELSE 0 END) AS repeat_revenue,
    SUM(cost) AS cost, CAST(SUM(transactions) AS BIGINT) AS transactions
  FROM periods
  WHERE period_start <= DATE '1997-09-30'
  GROUP BY customer_id
),
holdout AS (
  SELECT customer_id, COUNT(*) AS periods, SUM(value) AS revenue
  FROM periods
  WHERE period_start > DATE '1997-09-30'
  GROUP BY customer_id
),
summaries AS (
  SELECT c.customer_id,
    c.periods - 1 AS frequency,
    CAST(datediff(c.last_start, c.first_start) AS DOUBLE) / 7.0 AS recency,
    CAST(datediff(DATE '1997-09-30', c.first_start) AS DOUBLE) / 7.0 AS t,
    CASE WHEN c.periods > 1 THEN c.repeat_revenue / (c.periods - 1) ELSE 0 END AS monetary_value,
    c.revenue,
    COALESCE(c.cost, 0) AS cost_of_goods,
    c.transactions,
    COALESCE(h.periods, 0) AS holdout_purchases,
    COALESCE(h.revenue, 0) AS holdout_revenue,
    CAST(datediff(DATE '1997-09-30', c.last_start) AS DOUBLE) / 7.0 AS time_since_last_purchase
  FROM calibration c
  LEFT JOIN holdout h ON h.customer_id = c.customer_id
)
SELECT * FROM summaries
ORDER BY customer_id

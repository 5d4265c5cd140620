-- ValueSegmentation row counts (PostgreSQL): window calibration to 1997-09-30, holdout to 1998-06-30, in Weeks, purchases per Day
SELECT COUNT(*) AS rows_read,
  CAST(COALESCE(SUM(CASE WHEN "customer_id" IS NOT NULL AND "ordered_at" IS NOT NULL AND CAST("amount" AS DOUBLE PRECISION) - CAST("amount" AS DOUBLE PRECISION) = 0 THEN 0 ELSE 1 END), 0) AS BIGINT) AS rows_rejected,
  CAST(COALESCE(SUM(CASE WHEN "customer_id" IS NOT NULL AND "ordered_at" IS NOT NULL AND CAST("amount" AS DOUBLE PRECISION) - CAST("amount" AS DOUBLE PRECISION) = 0 AND CAST("ordered_at" AS DATE) > DATE '1998-06-30' THEN 1 ELSE 0 END), 0) AS BIGINT) AS rows_after_end
FROM "sales"."orders"
;
SELECT frequency, recency, t, COUNT(*) AS customers
FROM (
  SELECT frequency,
    CASE WHEN frequency = 0 THEN 0 ELSE (FLOOR(recency / 1.0) + 0.5) * 1.0 END AS recency,
    (FLOOR(t / 1.0) + 0.5) * 1.0 AS t
  FROM analytics.summaries
) binned
GROUP BY frequency, recency, t
ORDER BY frequency, recency, t
;
SELECT frequency, monetary_value AS mean_spend, COUNT(*) AS customers
FROM analytics.summaries
WHERE frequency > 0
GROUP BY frequency, monetary_value
ORDER BY frequency, monetary_value
;
-- ValueSegmentation cut points (PostgreSQL, exact) of revenue for 2357 customers
SELECT
  MAX(CASE WHEN rank_from_top = 472 THEN value END) AS cut_1,
  MAX(CASE WHEN rank_from_top = 1179 THEN value END) AS cut_2
FROM (
  SELECT value, ROW_NUMBER() OVER (ORDER BY value DESC) AS rank_from_top
  FROM (SELECT CAST((revenue) AS DOUBLE PRECISION) AS value FROM analytics.summaries) customer_values
) ranked
WHERE rank_from_top IN (472, 1179)
;
-- ValueSegmentation cut points (PostgreSQL, exact) of revenue for 2357 customers
SELECT
  MAX(CASE WHEN rank_from_top = 472 THEN value END) AS cut_1,
  MAX(CASE WHEN rank_from_top = 1179 THEN value END) AS cut_2
FROM (
  SELECT value, ROW_NUMBER() OVER (ORDER BY value DESC) AS rank_from_top
  FROM (SELECT CAST((revenue) AS DOUBLE PRECISION) AS value FROM analytics.summaries) customer_values
) ranked
WHERE rank_from_top IN (472, 1179)
;
SELECT customer_id, CASE
  WHEN (revenue) >= CAST('250.5' AS DOUBLE PRECISION) THEN 'Highest value'
  WHEN (revenue) >= CAST('40.25' AS DOUBLE PRECISION) THEN 'Valuable'
  ELSE 'Low value'
END AS segment FROM analytics.summaries

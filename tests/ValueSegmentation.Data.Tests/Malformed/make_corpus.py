#!/usr/bin/env python3
"""Writes the malformed-file corpus of the data package's tests: one file per defect, named for it, and expected.csv,
which says how each must be answered. Run from this folder; the files are committed, this script documents them.

Every file but the header defects is the same good log with one bad line put in as line 4 (the header is line 1):
  kind=row     a bad row: fail fast throws at (line, column); collecting rejects exactly that row and uses the other 4
  kind=header  the header cannot be used: both policies throw at line 1 (column as given; 0 = the header as a whole)
  kind=fatal   broken quoting or an empty file: both policies throw at (line, column 0 = not pinned), nothing used after
"""
import csv

HEADER = "customer_id,date,amount,cost"
GOOD = ["c1,2024-01-01,10.5,", "c2,2024-01-02,20,5", "c3,2024-01-03,30,", "c1,2024-02-01,12.25,3"]

ROWS = [  # name, bad line, column (1-based), text the reason contains
    ("empty_customer_id", ",2024-01-02,10,", 1, "customer id is empty"),
    ("blank_customer_id", "   ,2024-01-02,10,", 1, "customer id is empty"),
    ("quoted_empty_customer_id", '"",2024-01-02,10,', 1, "customer id is empty"),
    ("only_delimiters", ",,,", 1, "customer id is empty"),
    ("empty_date", "c4,,10,", 2, "timestamp is empty"),
    ("date_month_first", "c4,01/02/2024,10,", 2, "ISO 8601"),
    ("date_day_first_dots", "c4,02.01.2024,10,", 2, "ISO 8601"),
    ("date_month_13", "c4,2024-13-01,10,", 2, "valid ISO 8601"),
    ("date_february_30", "c4,2024-02-30,10,", 2, "valid ISO 8601"),
    ("date_not_leap_year", "c4,2023-02-29,10,", 2, "valid ISO 8601"),
    ("date_word", "c4,yesterday,10,", 2, "ISO 8601"),
    ("date_compact_invalid", "c4,20241340,10,", 2, "yyyyMMdd"),
    ("date_year_zero", "c4,0000-01-01,10,", 2, "valid ISO 8601"),
    ("date_before_year_one_utc", "c4,0001-01-01T00:00:00+05:00,10,", 2, "valid ISO 8601"),
    ("date_hour_25", "c4,2024-01-02T25:00:00,10,", 2, "valid ISO 8601"),
    ("date_offset_25_hours", "c4,2024-01-02T10:00:00+25:00,10,", 2, "valid ISO 8601"),
    ("date_truncated", "c4,2024-01,10,", 2, "ISO 8601"),
    ("date_trailing_garbage", "c4,2024-01-02xyz,10,", 2, "valid ISO 8601"),
    ("date_unix_seconds_in_iso_file", "c4,1704153600,10,", 2, "ISO 8601"),
    ("date_negative_year", "c4,-2024-01-01,10,", 2, "ISO 8601"),
    ("empty_amount", "c4,2024-01-02,,", 3, "empty"),
    ("amount_word", "c4,2024-01-02,ten,", 3, "Not a number"),
    ("amount_nan", "c4,2024-01-02,NaN,", 3, "NaN or infinity"),
    ("amount_infinity", "c4,2024-01-02,Infinity,", 3, "NaN or infinity"),
    ("amount_negative_infinity", "c4,2024-01-02,-Infinity,", 3, "NaN or infinity"),
    ("amount_overflows_double", "c4,2024-01-02,1e400,", 3, "NaN or infinity"),
    ("amount_above_max", "c4,2024-01-02,1e16,", 3, "MaxAmount"),
    ("amount_two_points", "c4,2024-01-02,1.2.3,", 3, "Not a number"),
    ("amount_decimal_comma_quoted", 'c4,2024-01-02,"12,50",', 3, "Not a number"),
    ("amount_thousands_separator_quoted", 'c4,2024-01-02,"1,234.50",', 3, "Not a number"),
    ("amount_currency_symbol", "c4,2024-01-02,$10,", 3, "Not a number"),
    ("amount_hexadecimal", "c4,2024-01-02,0x10,", 3, "Not a number"),
    ("amount_space_inside", "c4,2024-01-02,1 000,", 3, "Not a number"),
    ("amount_sign_only", "c4,2024-01-02,-,", 3, "Not a number"),
    ("amount_point_only", "c4,2024-01-02,.,", 3, "Not a number"),
    ("cost_negative", "c4,2024-01-02,10,-1", 4, "negative cost"),
    ("cost_nan", "c4,2024-01-02,10,NaN", 4, "NaN or infinity"),
    ("cost_word", "c4,2024-01-02,10,abc", 4, "Not a number"),
    ("cost_above_max", "c4,2024-01-02,10,2e15", 4, "MaxAmount"),
    ("cost_infinity", "c4,2024-01-02,10,Infinity", 4, "NaN or infinity"),
    ("missing_field", "c4,2024-01-02,10", 0, "missing fields"),
    ("missing_two_fields", "c4,2024-01-02", 0, "missing fields"),
    ("id_only", "c4", 0, "missing fields"),
    ("extra_field", "c4,2024-01-02,10,1,extra", 0, "extra fields"),
    ("trailing_delimiters", "c4,2024-01-02,10,1,,", 0, "extra fields"),
    ("unquoted_comma_in_amount", "c4,2024-01-02,1,000.50,", 0, "extra fields"),
    ("blank_line", "", 0, "missing fields"),
    ("spaces_only_line", "   ", 0, "missing fields"),
]

HEADERS = [  # name, header, column, text the reason contains
    ("duplicated_amount_header", "customer_id,date,amount,amount", 4, "twice"),
    ("duplicated_id_header_other_case", "customer_id,date,amount,Customer_ID", 4, "twice"),
    ("duplicated_date_header_other_spelling", "customer_id,date,amount,Da_te", 4, "twice"),
    ("no_amount_column", "customer_id,date,price_x,cost", 0, "No amount column"),
    ("no_customer_column", "buyer,date,amount,cost", 0, "No customer id column"),
    ("no_date_column", "customer_id,when,amount,cost", 0, "No timestamp column"),
]

FATAL = [  # name, bad line, line reported, text the reason contains
    ("quote_never_closed", 'c4,"2024-01-02,10,', 4, "Malformed"),
    ("text_after_closing_quote", '"c4"x,2024-01-02,10,', 4, "Malformed"),
    ("quote_never_closed_in_last_field", 'c4,2024-01-02,10,"1', 4, "Malformed"),
]

expected = [("file", "kind", "line", "column", "reason")]
for name, line, column, reason in ROWS:
    with open(f"{name}.csv", "w", newline="") as f:
        f.write("\n".join([HEADER, GOOD[0], GOOD[1], line, GOOD[2], GOOD[3]]) + "\n")
    expected.append((f"{name}.csv", "row", 4, column, reason))
for name, header, column, reason in HEADERS:
    with open(f"{name}.csv", "w", newline="") as f:
        f.write("\n".join([header] + GOOD) + "\n")
    expected.append((f"{name}.csv", "header", 1, column, reason))
for name, line, reported, reason in FATAL:
    with open(f"{name}.csv", "w", newline="") as f:
        f.write("\n".join([HEADER, GOOD[0], GOOD[1], line, GOOD[2], GOOD[3]]) + "\n")
    expected.append((f"{name}.csv", "fatal", reported, 0, reason))
with open("empty_file.csv", "w") as f:
    pass
expected.append(("empty_file.csv", "fatal", 0, 0, "empty"))
with open("expected.csv", "w", newline="") as f:
    csv.writer(f, lineterminator="\n").writerows(expected)
print(len(expected) - 1, "files")

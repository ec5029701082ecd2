"""The formula guard on every CSV we write, and its exact undoing on our own imports."""
from __future__ import annotations

import csv
import io
from decimal import Decimal

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from localize.csv_safe import FORMULA_STARTS, is_plain_number, neutralise, safe_row, safe_writer, unguard
from localize.reports.report import SERIES_CSV, report_rows_csv

# Texts that lean on the rule's edges: formula characters, quotes and number-like pieces.
edgy = st.text(alphabet=st.sampled_from(["=", "+", "-", "@", "\t", "\r", "'", "1", ".", "e", "E", " ", "a", "\n"]))
any_text = st.one_of(st.text(), edgy)


@given(any_text)
@example("'=1+2")
@example("''-x")
@example("'-3")
@example("-")
def test_a_neutralised_cell_never_starts_a_formula_and_unguard_gives_the_text_back(text):
    cell = neutralise(text)
    assert not cell.startswith(FORMULA_STARTS) or is_plain_number(cell)
    assert unguard(cell) == text


@given(st.text(min_size=1).filter(lambda t: not is_plain_number(t)))
def test_only_plain_numbers_start_with_a_formula_character_after_the_guard(text):
    assert not neutralise(text).startswith(FORMULA_STARTS)


@given(edgy)
def test_the_guard_survives_the_csv_module_both_ways(text):
    out = io.StringIO(newline="")
    safe_writer(out, lineterminator="\r\n").writerow([text, "x"])
    [cell, _x] = next(csv.reader(io.StringIO(out.getvalue(), newline="")))
    assert not cell.startswith(FORMULA_STARTS) or is_plain_number(cell)
    assert unguard(cell) == text


@pytest.mark.parametrize(("text", "written"), [
    ("=HYPERLINK(\"http://evil\",\"x\")", "'=HYPERLINK(\"http://evil\",\"x\")"),
    ("+1 555 0100", "'+1 555 0100"), ("-1+2", "'-1+2"), ("@SUM(A1)", "'@SUM(A1)"), ("\tx", "'\tx"),
    ("\r=1", "'\r=1"), ("-inf", "'-inf"), ("- 3", "'- 3"), ("'=1", "''=1"),
    ("-3", "-3"), ("-0.5", "-0.5"), ("+2", "+2"), ("-1e5", "-1e5"), ("-.5", "-.5"), ("-0.5000", "-0.5000"),
    ("boss", "boss"), ("it's", "it's"), ("'quoted'", "'quoted'"), ("'-3", "'-3"), ("", ""),
])
def test_which_text_gets_the_guard(text, written):
    assert neutralise(text) == written
    assert unguard(written) == text


def test_values_that_are_not_text_pass_as_they_are():
    assert safe_row([-3, -0.5, Decimal("-1.25"), None, True, "=x"]) == [-3, -0.5, Decimal("-1.25"), None, True, "'=x"]


def test_a_negative_number_stays_numeric_in_a_report_csv():
    report = {"series": "heir", "versions": [{
        "locale": "es-MX", "kind": "remake", "currency": "USD", "views": 10, "share_of_original": -0.5,
        "paywall_conversion": None, "completion": 0.25, "revenue_per_1000_views": Decimal("-3.5"),
        "episodes": [{"number": 1, "original_episode": "1", "views": -3, "unlocks": 0, "revenue": Decimal("-3"),
                      "retention": -0.125, "continuation": "-2"}]}]}
    rows = list(csv.reader(io.StringIO("".join(report_rows_csv(report)))))
    assert rows[0] == list(SERIES_CSV)
    row = dict(zip(SERIES_CSV, rows[1]))
    assert (row["views"], row["revenue"], row["retention"], row["continuation"], row["share_of_original"],
            row["revenue_per_1000_views"], row["paywall_conversion"]) == (
        "-3", "-3.0000", "-0.125", "-2", "-0.5", "-3.5000", "")

"""Daily view rows: header, every error class with row/line/field, duplicates, streaming."""
import io
from datetime import date
from decimal import Decimal

import pytest

from localize.reports.rows import (
    RowError,
    RowsRejected,
    ViewRow,
    canonical_locale,
    iter_csv_rows,
    iter_json_rows,
    validate_rows,
)

HEADER = "date,locale,episode,views,unlocks,revenue\n"
RANGES = {"en": 5, "es-MX": 3}


def from_csv(body: str, header: str = HEADER, **kwargs) -> list[ViewRow]:
    return list(validate_rows(iter_csv_rows(io.StringIO(header + body, newline="")),
                              episode_ranges=RANGES, **kwargs))


def csv_errors(body: str, header: str = HEADER, **kwargs) -> list[tuple]:
    with pytest.raises(RowsRejected) as caught:
        from_csv(body, header, **kwargs)
    return [(e.row, e.line, e.field) for e in caught.value.errors]


def json_errors(rows: list) -> list[tuple]:
    with pytest.raises(RowsRejected) as caught:
        list(validate_rows(iter_json_rows({"rows": rows}), episode_ranges=RANGES))
    return [(e.row, e.field, e.reason) for e in caught.value.errors]


def test_valid_csv_rows_are_parsed_exactly():
    rows = from_csv("2024-03-01,en,1,1000,0,0\n"
                    "2024-03-01,es_mx,3,250,40,10.0005\n"
                    "\n"
                    "2024-03-02,ES-mx,3,1000000000000,1,0.1\n")
    assert rows == [
        ViewRow(date(2024, 3, 1), "en", 1, 1000, 0, Decimal("0")),
        ViewRow(date(2024, 3, 1), "es-MX", 3, 250, 40, Decimal("10.0005")),
        ViewRow(date(2024, 3, 2), "es-MX", 3, 1000000000000, 1, Decimal("0.1")),
    ]
    assert str(rows[1].revenue) == "10.0005"


def test_unlocks_may_exceed_views():  # a weekly pass unlocks episodes nobody has viewed yet
    assert from_csv("2024-03-01,en,4,10,25,6.25\n")[0].unlocks == 25


def test_header_must_be_exact():
    for header, hint in [("date,locale,episode,views,unlocks\n", "missing: revenue"),
                         ("day,locale,episode,views,unlocks,revenue\n", "unexpected: day"),
                         ("locale,date,episode,views,unlocks,revenue\n", "out of order"),
                         ("", "empty")]:
        with pytest.raises(RowsRejected) as caught:
            from_csv("2024-03-01,en,1,1,0,0\n" if header else "", header=header)
        (error,) = caught.value.errors
        assert (error.row, error.field, error.line) == (0, "header", 1)
        assert hint in error.reason


def test_header_tolerates_a_byte_order_mark():
    assert len(from_csv("2024-03-01,en,1,1,0,0\n", header="\ufeff" + HEADER)) == 1


@pytest.mark.parametrize("value", ["2024-13-01", "2024-02-30", "2024/03/01", "20240301", "01-03-2024",
                                   "", "2024-3-1", "2024-W09-5", "２０２４-03-01"])
def test_bad_dates(value):
    assert csv_errors(f"2024-03-01,en,1,5,0,0\n{value},en,2,5,0,0\n") == [(2, 3, "date")]


@pytest.mark.parametrize("value", ["de", "es", "es-ES", "", "<b>en</b>"])
def test_unknown_locale(value):
    with pytest.raises(RowsRejected) as caught:
        from_csv(f"2024-03-01,{value},1,5,0,0\n")
    (error,) = caught.value.errors
    assert (error.row, error.field) == (1, "locale")
    assert "en, es-MX" in error.reason or "required" in error.reason


@pytest.mark.parametrize("value", ["0", "4", "abc", "1.5", "", "-1", "+2", " 2"])
def test_episode_outside_the_locale_range_or_not_a_number(value):
    # es-MX has 3 episodes; en has 5, so 4 is fine there.
    assert csv_errors(f"2024-03-01,es-MX,{value},5,0,0\n") == [(1, 2, "episode")]
    if value == "4":
        assert from_csv("2024-03-01,en,4,5,0,0\n")[0].episode == 4


@pytest.mark.parametrize("field", ["views", "unlocks"])
@pytest.mark.parametrize("value", ["-1", "1.5", "abc", "", "1e3", "٣", "99999999999999999999"])
def test_bad_counts(field, value):
    views, unlocks = (value, "0") if field == "views" else ("5", value)
    assert csv_errors(f"2024-03-01,en,1,{views},{unlocks},0\n") == [(1, 2, field)]


@pytest.mark.parametrize("value", ["NaN", "Infinity", "-Infinity", "sNaN", "-1", "-0.01", "1.23456",
                                   "abc", "", "1e20", "12,50"])
def test_bad_revenue(value):
    quoted = f'"{value}"' if "," in value else value
    assert csv_errors(f"2024-03-01,en,1,5,1,{quoted}\n") == [(1, 2, "revenue")]


def test_revenue_edge_values_accepted():
    rows = from_csv("2024-03-01,en,1,5,1,-0.00\n2024-03-01,en,2,5,1,99999999999999.9999\n"
                    "2024-03-01,en,3,5,1,1E+2\n")
    assert [r.revenue for r in rows] == [Decimal("0.00"), Decimal("99999999999999.9999"), Decimal(100)]
    assert not rows[0].revenue.is_signed()


def test_every_bad_field_of_every_row_is_reported_with_reasons():
    with pytest.raises(RowsRejected) as caught:
        from_csv("2024-03-01,en,1,5,0,0\n"
                 "2024-02-31,fr,x,-3,1.5,NaN\n"
                 "2024-03-01,en,2,5,0,0\n"
                 "2024-03-01,en,2,5,0,abc\n")
    errors = caught.value.errors
    assert [(e.row, e.field) for e in errors] == [
        (2, "date"), (2, "locale"), (2, "episode"), (2, "views"), (2, "unlocks"), (2, "revenue"),
        (4, "revenue"), (4, "key")]
    reasons = {e.field: e.reason for e in errors if e.row == 2}
    assert "calendar date" in reasons["date"]
    assert "known: en, es-MX" in reasons["locale"]
    assert "episode number" in reasons["episode"]
    assert reasons["views"] == "must not be negative"
    assert "whole number" in reasons["unlocks"]
    assert "finite" in reasons["revenue"]
    assert "row 3" in errors[-1].reason
    assert "4 problem" not in str(caught.value) and "8 problem(s)" in str(caught.value)


def test_duplicate_key_names_the_first_row():
    errors = csv_errors("2024-03-01,en,1,5,0,0\n2024-03-01,es-MX,1,5,0,0\n2024-03-01,EN,1,7,0,0\n"
                        "2024-03-02,en,1,5,0,0\n2024-03-01,en,1,9,0,0\n")
    assert errors == [(3, 4, "key"), (5, 6, "key")]
    with pytest.raises(RowsRejected) as caught:
        from_csv("2024-03-01,en,1,5,0,0\n2024-03-01,en,1,7,0,0\n")
    assert "repeats row 1" in caught.value.errors[0].reason


def test_wrong_number_of_values_and_line_numbers_across_quoted_newlines():
    body = ('2024-03-01,en,1,5,0,0\n'
            '2024-03-01,"e\nn",2,5,0,0\n'       # row 2 starts on line 3, spans two lines
            '2024-03-01,en,3,5,0\n'             # row 3, line 5: five values
            '2024-03-01,en,4,5,0,0,extra\n')    # row 4, line 6
    assert csv_errors(body) == [(2, 3, "locale"), (3, 5, "row"), (4, 6, "row")]


def test_max_errors_stops_with_a_final_entry():
    body = "".join(f"2024-03-01,xx,{n},5,0,0\n" for n in range(1, 50))
    errors = csv_errors(body, max_errors=3)
    assert errors[:3] == [(1, 2, "locale"), (2, 3, "locale"), (3, 4, "locale")]
    assert errors[3][2] == "rows" and len(errors) == 4


def test_no_rows_are_yielded_after_the_first_problem():
    source = iter_csv_rows(io.StringIO(HEADER + "2024-03-01,en,1,5,0,0\n2024-03-01,en,9,5,0,0\n"
                                       "2024-03-01,en,2,5,0,0\n", newline=""))
    seen = []
    with pytest.raises(RowsRejected):
        for row in validate_rows(source, episode_ranges=RANGES):
            seen.append(row.episode)
    assert seen == [1]


def test_unreadable_stream_keeps_earlier_errors():
    def lines():
        yield HEADER
        yield "2024-03-01,xx,1,5,0,0\n"
        raise UnicodeDecodeError("utf-8", b"\xff", 0, 1, "invalid start byte")

    with pytest.raises(RowsRejected) as caught:
        list(validate_rows(iter_csv_rows(lines()), episode_ranges=RANGES))
    assert [(e.row, e.field) for e in caught.value.errors] == [(1, "locale"), (2, "row")]
    assert "unreadable" in caught.value.errors[1].reason


def test_json_rows_types():
    good = {"date": "2024-03-01", "locale": "en", "episode": 1, "views": 5, "unlocks": 0, "revenue": 1.25}
    rows = list(validate_rows(iter_json_rows({"rows": [good, {**good, "episode": 2, "revenue": "0.1"}]}),
                              episode_ranges=RANGES))
    assert [r.revenue for r in rows] == [Decimal("1.25"), Decimal("0.1")]
    assert rows[0].episode == 1 and rows[0].views == 5

    errors = json_errors([
        {**good, "views": 3.0},
        {**good, "episode": 2, "unlocks": True},
        {**good, "episode": 3, "revenue": True},
        {**good, "episode": 4, "revenue": 0.00001},
        {**good, "episode": 5, "views": None},
        "not an object",
        {k: v for k, v in good.items() if k != "date"},
        {**good, "date": [2024, 3, 1], "_error": 5},
    ])
    assert [(row, field) for row, field, _ in errors] == [
        (1, "views"), (2, "unlocks"), (3, "revenue"), (4, "revenue"), (5, "views"), (6, "row"),
        (7, "date"), (8, "date")]
    assert errors[0][2] == "must be a whole number, not 3.0"
    assert errors[4][2] == "is required" and errors[6][2] == "is required"


def test_json_document_shape():
    for document in [[], {"rows": {}}, {"data": []}, None]:
        with pytest.raises(RowsRejected) as caught:
            list(validate_rows(iter_json_rows(document), episode_ranges=RANGES))
        assert caught.value.errors == [RowError(0, "rows", 'expected an object {"rows": [...]}')]


def test_validate_rows_is_lazy_over_a_large_generator():
    produced = 0

    def source():
        nonlocal produced
        for i in range(200_000):
            produced += 1
            day = date.fromordinal(738000 + i // 5).isoformat()
            yield i + 1, {"date": day, "locale": "en", "episode": str(i % 5 + 1),
                          "views": "100", "unlocks": "3", "revenue": "0.75"}

    rows = validate_rows(source(), episode_ranges=RANGES)
    first = next(rows)
    assert produced == 1 and first.episode == 1
    assert sum(1 for _ in rows) == 199_999 and produced == 200_000


def test_fast_and_careful_paths_agree():
    # The same values, once as CSV strings (fast path once the date is cached) and once as JSON.
    body = "".join(f"2024-03-01,en,{n},{n * 10},{n},{n}.5\n" for n in range(1, 6))
    document = {"rows": [{"date": "2024-03-01", "locale": "en", "episode": n, "views": n * 10,
                          "unlocks": n, "revenue": f"{n}.5"} for n in range(1, 6)]}
    assert from_csv(body) == list(validate_rows(iter_json_rows(document), episode_ranges=RANGES))


def test_canonical_locale():
    assert canonical_locale("es_mx") == "es-MX"
    assert canonical_locale(" PT-br ") == "pt-BR"
    assert canonical_locale("zh-hant-tw") == "zh-Hant-TW"
    assert canonical_locale("es-419") == "es-419"
    assert canonical_locale("FR") == "fr"


def test_row_locale_is_spelled_as_the_caller_spelled_the_version():
    rows = validate_rows(iter_json_rows({"rows": [
        {"date": "2024-03-01", "locale": "pt_br", "episode": 1, "views": 1, "unlocks": 0, "revenue": 0}]}),
        episode_ranges={"PT-br": 2})
    assert [r.locale for r in rows] == ["PT-br"]

"""The glossary under hostile input: bodies and CSV files get a 4xx (or a 200), never a 500."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

G = "/api/v1/series/heir/glossary"
HEADER = "source,target,kind,note\r\n"
SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
json_values = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False)
                           | st.text(max_size=400),
                           lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
                           max_leaves=6)
bodies = st.fixed_dictionaries({}, optional={
    "target_locale": st.sampled_from(["es-MX", "es", "", "zz-ZZ-x-" + "a" * 40]) | json_values,
    "source": st.text(max_size=320) | json_values, "target": st.text(max_size=320) | json_values,
    "kind": st.sampled_from(["term", "name", "forbidden", "keep", "noun"]) | json_values,
    "note": st.text(max_size=50) | json_values, "case_sensitive": st.booleans() | json_values})


@SETTINGS
@given(body=bodies)
def test_entry_bodies_never_5xx(lead, series, body):
    r = lead.post(G, body)
    assert r.status_code in (201, 409, 422), (body, r.status_code, r.get_data(as_text=True)[:300])
    if r.status_code == 201:
        entry = r.get_json()
        r = lead.put(f"{G}/{entry['id']}", body)
        assert r.status_code in (200, 409, 422), (body, r.get_data(as_text=True)[:300])
        assert lead.delete(f"{G}/{entry['id']}").status_code == 204


cells = st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=30)
rows = st.lists(st.lists(cells | st.sampled_from(["term", "name", "keep", "forbidden", '"', '"a""b"', "\r\n"]),
                         min_size=0, max_size=6), max_size=6)


@SETTINGS
@given(rows=rows, header=st.booleans(), raw=st.binary(max_size=200))
def test_csv_files_never_5xx_and_a_refused_file_stores_nothing(lead, series, rows, header, raw):
    before = lead.get(G + "?target_locale=es-MX").get_json()["entries"]
    text = (HEADER if header else "") + "\r\n".join(",".join(r) for r in rows)
    for data in (text.encode("utf-8"), raw):
        r = lead.post(G + ".csv?target_locale=es-MX", data=data, headers={"Content-Type": "text/csv"})
        assert r.status_code in (200, 422), (data, r.status_code, r.get_data(as_text=True)[:300])
        if r.status_code == 422:
            assert r.get_json()["error"]["details"]
            assert lead.get(G + "?target_locale=es-MX").get_json()["entries"] == before
        before = lead.get(G + "?target_locale=es-MX").get_json()["entries"]


def test_a_csv_over_the_limit_is_refused(lead, series):
    from localize.glossary.exchange import MAX_CSV_BYTES
    data = (HEADER + "a,b,term," + "x" * MAX_CSV_BYTES).encode()
    r = lead.post(G + ".csv?target_locale=es-MX", data=data, headers={"Content-Type": "text/csv"})
    assert r.status_code == 413
    r = lead.post(G + ".csv?target_locale=es-MX", data={"file": (__import__("io").BytesIO(data), "g.csv")},
                  headers={"Content-Type": "multipart/form-data"})
    assert r.status_code in (413, 422)

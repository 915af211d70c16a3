from __future__ import annotations

from builder.located import LocatedDict, parse_csv, parse_yaml


def test_plain_scalars_stay_text_so_yaml_1_1_traps_cannot_fire() -> None:
    result = parse_yaml("country: NO\ncode: 012\nversion: 1.10\ntime: 18:30\nempty:\n", "f.yml")
    assert result.errors == []
    assert result.value == {
        "country": "NO",
        "code": "012",
        "version": "1.10",
        "time": "18:30",
        "empty": None,
    }


def test_every_key_and_item_keeps_its_line() -> None:
    result = parse_yaml("- id: a\n  places:\n    - x\n    - y\n- id: b\n", "f.yml")
    first, second = result.value
    assert isinstance(first, LocatedDict)
    assert (first.line, second.line) == (1, 5)
    assert first.key_lines == {"id": 1, "places": 2}
    assert first["places"].item_lines == [3, 4]


def test_duplicate_key_is_reported_at_the_second_occurrence() -> None:
    result = parse_yaml("id: a\nname: One\nname: Two\n", "f.yml")
    assert [str(e) for e in result.errors] == [
        "f.yml:3: name: duplicate key (first given on line 2)"
    ]
    assert result.value["name"] == "One"


def test_unsafe_tags_are_refused_with_their_line() -> None:
    result = parse_yaml("a: 1\nb: !!python/object:os.system x\n", "f.yml")
    assert [str(e) for e in result.errors] == [
        "f.yml:2: (yaml): this YAML tag is not allowed; write plain values"
    ]


def test_syntax_error_names_the_line() -> None:
    result = parse_yaml("a: [1, 2\nb: 3\n", "f.yml")
    assert len(result.errors) == 1
    assert result.errors[0].path == "f.yml" and result.errors[0].field == "(yaml)"


def test_csv_rows_carry_their_file_line_even_after_blank_and_quoted_lines() -> None:
    text = 'a,b\n1,"two\nlines"\n\n3,4\n'
    result = parse_csv(text, "t.csv")
    _header, records = result.value
    assert [(r.line, r.data) for r in records] == [
        (2, {"a": "1", "b": "two\nlines"}),
        (5, {"a": "3", "b": "4"}),
    ]


def test_csv_row_with_wrong_number_of_cells() -> None:
    result = parse_csv("a,b\n1,2,3\n", "t.csv")
    assert [str(e) for e in result.errors] == ["t.csv:2: (row): has 3 cells, the header has 2"]

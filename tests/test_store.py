"""The store: an entry on disk is trusted only while it matches the digest stored beside it,
both forms give back what was kept, and what no build uses is pruned after a set time or
beyond a set count, never what the last build used. Time is a clock the test sets."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from builder.store import DAY, DIGEST, EntryChanged, Store


class Clock:
    def __init__(self) -> None:
        self.now = 2_000_000_000.0  # after any file a test writes by hand

    def __call__(self) -> float:
        return self.now


@pytest.fixture(params=["folder", "memory"])
def forms(request: pytest.FixtureRequest, tmp_path: Path) -> Callable[..., Store]:
    """Makes a store of either form; a folder store is made again over the same folder, as
    each build makes its own."""
    if request.param == "folder":
        return lambda **limits: Store.at(tmp_path / "store", **limits)
    kept = Store.in_memory()
    return lambda **limits: _limited(kept, **limits)


def _limited(store: Store, *, clock: Clock, most_unused: int = 10_000) -> Store:
    store.clock, store.most_unused = clock, most_unused
    return store


def test_an_entry_is_trusted_only_with_the_digest_it_was_stored_with(tmp_path: Path) -> None:
    store = Store.at(tmp_path)
    entry = store.put("a.svg", b"<svg/>")
    assert store.get("a.svg") == entry and entry.text() == "<svg/>"
    (tmp_path / "a.svg").write_bytes(b"<svg")
    assert store.get("a.svg") is None
    made = store.get_or_make("a.svg", lambda: b"<svg/>")
    assert made == entry and (tmp_path / "a.svg").read_bytes() == b"<svg/>"
    (tmp_path / f"a.svg{DIGEST}").unlink()
    assert store.get("a.svg") is None
    assert store.get("missing.svg") is None


def test_an_entry_taken_unread_is_checked_when_it_is_read(tmp_path: Path) -> None:
    # A build that starts from the last takes thousands of entries by name and reads few.
    store = Store.at(tmp_path)
    store.put("a.csv", b"date,count\n")
    (tmp_path / "a.csv").write_bytes(b"date,count\n2024-12-01,99\n")  # changed by hand
    taken = store.unread("a.csv")
    assert taken is not None and taken.file == tmp_path / "a.csv"
    with pytest.raises(EntryChanged, match=r"a\.csv changed since a build kept it"):
        taken.bytes()
    store.put("b.csv", b"date,count\n")
    assert (found := store.unread("b.csv")) is not None and found.text() == "date,count\n"
    (tmp_path / f"b.csv{DIGEST}").unlink()  # never stored whole
    assert store.unread("b.csv") is None and store.unread("missing.csv") is None


def test_a_name_never_finds_a_file_outside_the_store(tmp_path: Path) -> None:
    # Names come back from the record of the last build: one that leads out of the store
    # would copy any file with a digest beside it into the published site.
    secret = tmp_path / "secret.txt"
    secret.write_bytes(b"token")
    (tmp_path / f"secret.txt{DIGEST}").write_text(hashlib.sha256(b"token").hexdigest())
    store = Store.at(tmp_path / "store")
    store.put("a.svg", b"<svg/>")
    assert store.get("../secret.txt") is None
    assert store.get(str(secret)) is None
    assert store.unread("../secret.txt") is None
    assert store.unread(str(secret)) is None


def test_a_download_is_found_again_only_with_the_bytes_it_was_kept_with(tmp_path: Path) -> None:
    kept = Store.at(tmp_path).by_content(b"a,b\n1,2\n", ".csv")
    assert kept.file is not None and kept.file.parent == tmp_path / "downloads"
    kept.file.write_bytes(b"a,b\n1,")
    again = Store.at(tmp_path).by_content(b"a,b\n1,2\n", ".csv")
    assert again == kept and again.bytes() == b"a,b\n1,2\n"


def test_a_streamed_record_is_named_by_its_hash_and_kept_whole(
    forms: Callable[..., Store],
) -> None:
    store = forms(clock=Clock())
    lines = [b'{"path": "a.md"}\n', b'{"path": "b.md"}\n']
    name = store.by_content_streamed("builds/pages-", iter(lines), ".jsonl")
    assert name == f"builds/pages-{hashlib.sha256(b''.join(lines)).hexdigest()}.jsonl"
    kept = forms(clock=Clock()).get(name)
    assert kept is not None and kept.bytes() == b"".join(lines)
    # The same record again is the same entry; no partial file is left beside it.
    assert store.by_content_streamed("builds/pages-", iter(lines), ".jsonl") == name
    if kept.file is not None:
        assert sorted(p.name for p in kept.file.parent.iterdir()) == [
            kept.file.name,
            kept.file.name + DIGEST,
        ]


def test_a_download_written_in_chunks_is_the_one_its_bytes_would_make(
    forms: Callable[..., Store],
) -> None:
    store = forms(clock=Clock())
    chunked = store.by_chunks(iter([b"a,b\r\n", b"1,2\r\n"]), ".csv")
    assert chunked.bytes() == b"a,b\r\n1,2\r\n"
    assert store.name_of(chunked) == store.name_of(store.by_content(b"a,b\r\n1,2\r\n", ".csv"))
    assert chunked.digest() == hashlib.sha256(b"a,b\r\n1,2\r\n").hexdigest()


def test_an_entry_written_in_chunks_is_kept_under_its_name(forms: Callable[..., Store]) -> None:
    store = forms(clock=Clock())
    store.put_chunks("builds/site.json", iter([b'{"a": ', b"1}"]))
    store.put_chunks("builds/site.json", iter([b'{"a": ', b"2}"]))  # the newer wins
    kept = forms(clock=Clock()).get("builds/site.json")
    assert kept is not None and kept.bytes() == b'{"a": 2}'


def test_a_streamed_record_cut_short_is_not_found(tmp_path: Path) -> None:
    store = Store.at(tmp_path)
    name = store.by_content_streamed("builds/assets-", iter([b"one\n", b"two\n"]), ".jsonl")
    (tmp_path / name).write_bytes(b"one\n")
    assert Store.at(tmp_path).get(name) is None


def test_a_record_whose_lines_fail_to_be_made_leaves_nothing_behind(tmp_path: Path) -> None:
    # A build stopped by an error while writing its record must not leave partial files.
    def lines() -> Iterator[bytes]:
        yield b"one\n"
        raise ValueError("a page that cannot be held")

    with pytest.raises(ValueError, match="cannot be held"):
        Store.at(tmp_path).by_content_streamed("builds/pages-", lines(), ".jsonl")
    assert list((tmp_path / "builds").iterdir()) == []


def test_in_memory_what_is_made_is_kept_and_given_back_as_it_is() -> None:
    store = Store.in_memory()
    made: list[int] = []

    def make() -> bytes:
        made.append(1)
        return "Ḥamā".encode()

    first = store.get_or_make("spec.json", make)
    assert store.get_or_make("spec.json", make) == first and len(made) == 1
    assert first.file is None and first.text() == "Ḥamā" and first.bytes() == "Ḥamā".encode()
    assert store.get("other.json") is None


def test_entries_no_build_used_for_the_set_time_are_pruned(
    forms: Callable[..., Store],
) -> None:
    clock = Clock()
    first = forms(clock=clock)
    first.put("old.svg", b"old")
    first.put("kept.svg", b"kept")
    first.put("downloads/old.csv", b"a\n")
    assert first.prune() == 0  # what a build used stays
    clock.now += 10 * DAY
    second = forms(clock=clock)
    assert second.get("kept.svg") is not None
    assert second.prune() == 0  # old.svg was used 10 days ago
    clock.now += 21 * DAY
    third = forms(clock=clock)
    third.put("new.svg", b"new")
    assert third.prune() == 2  # old.svg and the download: unused for 31 days
    later = forms(clock=clock)
    assert later.get("old.svg") is None and later.get("downloads/old.csv") is None
    assert later.get("kept.svg") is not None and later.get("new.svg") is not None


def test_beyond_the_set_count_the_least_recently_used_are_pruned(
    forms: Callable[..., Store],
) -> None:
    clock = Clock()
    for name in "abcd":
        clock.now += DAY
        store = forms(clock=clock)
        store.put(f"{name}.png", name.encode())
        store.prune()
    clock.now += DAY
    last = forms(clock=clock, most_unused=2)
    last.put("e.png", b"e")
    # The build used e; of the others, only the two used most recently are kept.
    assert last.prune() == 2
    kept = forms(clock=clock)
    assert [name for name in "abcde" if kept.get(f"{name}.png") is not None] == ["c", "d", "e"]


def test_a_folder_store_prunes_an_entry_with_its_digest_and_a_digest_left_alone(
    tmp_path: Path,
) -> None:
    clock = Clock()
    store = Store.at(tmp_path, clock=clock)
    store.put("a.svg", b"<svg/>")
    store.put("downloads/b.csv", b"a\n")
    store.prune()
    left = tmp_path / f"c.svg{DIGEST}"  # its entry lost (deleted by hand)
    left.write_text("0" * 64)
    os.utime(left, (clock.now, clock.now))
    clock.now += 31 * DAY
    assert Store.at(tmp_path, clock=clock).prune() == 3
    assert [p for p in tmp_path.rglob("*") if p.is_file()] == []


def test_a_folder_store_is_known_by_its_folder(tmp_path: Path) -> None:
    assert Store.at(tmp_path) == Store.at(tmp_path) != Store.at(tmp_path / "other")
    assert Store.at(tmp_path).intact() and not Store.at(tmp_path / "gone").intact()

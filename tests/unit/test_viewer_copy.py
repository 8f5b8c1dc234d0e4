"""The viewer's large copy leans on Streamlit's media-file manager (what st.image uses, not a public API): if a
Streamlit upgrade moves it, the viewer falls back to the picture drawn instead of breaking the page."""

from __future__ import annotations

from types import SimpleNamespace

from components import viewer


def test_a_moved_media_file_manager_turns_large_copies_off_without_breaking_the_page(tmp_path, monkeypatch):
    picture = tmp_path / "big.jpg"
    picture.write_bytes(b"\xff\xd8 a jpeg")
    added = []

    class Manager:
        def add(self, content, mimetype, coordinates):
            added.append((content, mimetype, coordinates))
            return "/media/abc.jpg"

    monkeypatch.setattr(viewer.runtime, "exists", lambda: True)
    monkeypatch.setattr(viewer.runtime, "get_instance", lambda: SimpleNamespace(media_file_mgr=Manager()))
    assert viewer.media_url(picture, "k") == "/media/abc.jpg"
    assert added == [(b"\xff\xd8 a jpeg", "image/jpeg", "viewer-large-k")]
    monkeypatch.setattr(viewer.runtime, "get_instance", lambda: SimpleNamespace())  # moved elsewhere
    assert viewer.media_url(picture, "k") == ""
    assert viewer.media_url(tmp_path / "missing.jpg", "k") == ""

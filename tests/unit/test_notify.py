"""When the sidebar's notice starts the page's whole run after the last task it listened for ended."""

from components.notify import page_run_needed


def test_the_last_followed_task_ending_elsewhere_reruns_the_page():
    assert page_run_needed({"a"}, set(), ["a"], on_page=set())
    assert page_run_needed({"a", "b"}, set(), ["a", "b"], on_page={"a"})  # one of them is not drawn here


def test_a_task_this_page_draws_is_left_to_its_panel():
    # The panel shows the picture, then starts the page's run itself; the notice starting one first would hold the
    # picture back behind the whole page.
    assert not page_run_needed({"a"}, set(), ["a"], on_page={"a", "z"})


def test_nothing_to_do_while_a_task_is_still_followed_or_none_was():
    assert not page_run_needed({"a", "b"}, {"b"}, ["a"], on_page=set())
    assert not page_run_needed(set(), set(), [], on_page=set())

"""The mask canvas's strokes: checked like any browser input, and drawn afresh at the source's pixels."""

from __future__ import annotations

import pytest

from kie.images import MAX_POINTS, MAX_STROKES, Drawing, build_mask, mask_coverage


def drawing(*strokes, width=100, height=50):
    return {"width": width, "height": height, "strokes": list(strokes)}


def brush(*points, width=10, tool="brush"):
    return {"tool": tool, "width": width, "points": [list(p) for p in points]}


def test_a_brush_line_is_drawn_at_the_source_size_with_round_ends_and_no_grey():
    mask = build_mask(Drawing.from_json(drawing(brush((20, 25), (80, 25)))), (1000, 500))
    assert mask.size == (1000, 500)
    assert set(mask.get_flattened_data()) == {0, 255}
    assert mask.getpixel((500, 250)) == 0  # on the line
    assert mask.getpixel((160, 250)) == 0  # inside the round end (radius 5 units = 50 px past the first point)
    assert mask.getpixel((140, 250)) == 255  # beyond it
    assert mask.getpixel((500, 320)) == 255  # above the line's width
    assert mask.getpixel((500, 180)) == 255


def test_a_single_click_paints_a_dot_of_the_brush_size():
    mask = build_mask(Drawing.from_json(drawing(brush((50, 25), width=20))), (1000, 500))
    assert mask_coverage(mask) == pytest.approx(3.14159 * 100 * 100 / 500_000, rel=0.03)  # radius 10 units


def test_the_eraser_takes_away_only_what_was_painted_before_it():
    strokes = (brush((10, 25), (90, 25), width=20), brush((40, 25), (60, 25), width=30, tool="eraser"),
               brush((50, 10), (50, 40), width=4))  # painted after the eraser: it stays
    mask = build_mask(Drawing.from_json(drawing(*strokes)), (100, 50))
    assert mask.getpixel((20, 25)) == 0 and mask.getpixel((80, 25)) == 0
    assert mask.getpixel((44, 25)) == 255  # rubbed out
    assert mask.getpixel((50, 25)) == 0  # the later stroke


def test_rectangles_from_any_corner_and_polygons():
    rect = {"tool": "rect", "points": [[60, 40], [20, 10]]}  # dragged up and to the left
    poly = {"tool": "poly", "points": [[70, 5], [95, 5], [95, 45]]}
    mask = build_mask(Drawing.from_json(drawing(rect, poly)), (100, 50))
    assert mask.getpixel((40, 25)) == 0 and mask.getpixel((10, 25)) == 255
    assert mask.getpixel((92, 10)) == 0 and mask.getpixel((72, 40)) == 255  # inside / outside the triangle


@pytest.mark.parametrize("value", [None, "x", [], {}, {"width": 0, "height": 10}, {"width": "a", "height": 2},
                                   {"width": 10 ** 6, "height": 10}, {"width": True, "height": None}])
def test_what_is_not_a_drawing_is_none(value):
    assert Drawing.from_json(value) is None


def test_broken_strokes_are_dropped_and_numbers_clamped():
    sent = drawing(
        {"tool": "script", "points": [[1, 1]]}, "brush", {"tool": "brush"}, brush((float("nan"), 3)),
        {"tool": "rect", "points": [[1, 1]]}, {"tool": "poly", "points": [[1, 1], [2, 2]]},
        brush((1e30, -1e30), width=1e9), brush(("1", 2), [True, 3], (5, 5), width="wide"),
    )
    found = Drawing.from_json(sent)
    assert [s.tool for s in found.strokes] == ["brush", "brush"]
    far = found.strokes[0]
    assert far.points == ((200.0, -50.0),) and far.width == 100.0  # clamped near the canvas, width its side
    assert found.strokes[1].points == ((5.0, 5.0),) and found.strokes[1].width == 1.0


def test_nothing_sent_can_make_the_server_draw_without_end():
    many = drawing(*[brush((1, 1), (2, 2)) for _ in range(MAX_STROKES + 50)])
    assert len(Drawing.from_json(many).strokes) == MAX_STROKES
    long = drawing(*[brush(*[(i % 100, 1)] * 3000) for i in range(60)])
    assert sum(len(s.points) for s in Drawing.from_json(long).strokes) == MAX_POINTS


def test_a_drawing_round_trips_through_json():
    found = Drawing.from_json(drawing(brush((1.5, 2), (3, 4)), {"tool": "rect", "points": [[1, 1], [9, 9]]}))
    assert Drawing.from_json(found.to_json()) == found

"""Masks to the pixel, and reading pictures safely."""

from __future__ import annotations

import io

import pytest
from PIL import Image, ImageDraw

from kie.images import MAX_UPLOAD_BYTES, ImageError, load_picture, nearest_size
from kie.masks import build_mask, mask_coverage, mask_png, painted_area
from tests.fixtures import pictures

STROKE = (255, 30, 90, 115)  # the canvas's translucent stroke colour


def canvas_with_stroke(canvas_size, box):
    """What the canvas returns: transparent, with a translucent anti-aliased stroke in `box` (canvas pixels)."""
    canvas = Image.new("RGBA", canvas_size, (0, 0, 0, 0))
    ImageDraw.Draw(canvas).ellipse(box, fill=STROKE)
    return canvas


@pytest.mark.parametrize("source_size", [(1024, 1024), (1536, 1024), (1024, 1536), (1023, 767), (4096, 4096),
                                         (3, 2), (767, 1023)])
def test_mask_has_the_source_size_black_under_the_stroke_white_far_away(source_size):
    w, h = source_size
    canvas_size = (min(620, w), max(1, round(min(620, w) * h / w)))
    cw, ch = canvas_size
    canvas = canvas_with_stroke(canvas_size, (cw * 0.4, ch * 0.4, cw * 0.6, ch * 0.6))
    mask = build_mask(canvas, source_size)
    assert mask.size == source_size and mask.mode == "L"
    assert set(mask.get_flattened_data()) <= {0, 255}  # no grey edge
    assert mask.getpixel((w // 2, h // 2)) == 0  # under the stroke: change
    assert mask.getpixel((0, 0)) == 255 and mask.getpixel((w - 1, h - 1)) == 255  # far away: keep
    encoded = Image.open(io.BytesIO(mask_png(mask)))
    assert encoded.format == "PNG" and encoded.size == source_size


def test_invert_paints_what_to_keep():
    canvas = canvas_with_stroke((100, 100), (40, 40, 60, 60))
    mask = build_mask(canvas, (1000, 1000), invert=True)
    assert mask.getpixel((500, 500)) == 255 and mask.getpixel((10, 10)) == 0


def test_empty_drawing_gives_an_all_white_mask_with_zero_coverage():
    mask = build_mask(Image.new("RGBA", (50, 40), (0, 0, 0, 0)), (500, 400))
    assert mask_coverage(mask) == 0.0
    assert mask_coverage(build_mask(None, (10, 10))) == 0.0


def test_coverage_is_the_painted_share():
    canvas = Image.new("RGBA", (100, 100), (0, 0, 0, 0))
    ImageDraw.Draw(canvas).rectangle((0, 0, 49, 99), fill=STROKE)
    assert mask_coverage(build_mask(canvas, (1000, 1000))) == pytest.approx(0.5, abs=0.01)


def test_faint_antialiased_edges_count_as_painted():
    canvas = Image.new("RGBA", (10, 10), (0, 0, 0, 0))
    canvas.putpixel((5, 5), (255, 0, 0, 3))
    assert painted_area(canvas).getpixel((5, 5)) == 255


def test_earlier_mask_adds_to_the_drawing():
    earlier = Image.new("L", (200, 100), 255)
    earlier.paste(0, (0, 0, 20, 20))
    canvas = canvas_with_stroke((100, 50), (70, 20, 90, 40))
    mask = build_mask(canvas, (200, 100), base=earlier)
    assert mask.getpixel((5, 5)) == 0 and mask.getpixel((160, 60)) == 0 and mask.getpixel((100, 50)) == 255


def test_canvas_png_bytes_work_as_well_as_images():
    canvas = canvas_with_stroke((64, 48), (20, 20, 40, 40))
    out = io.BytesIO()
    canvas.save(out, format="PNG")
    from_bytes, from_image = build_mask(out.getvalue(), (640, 480)), build_mask(canvas, (640, 480))
    assert list(from_bytes.get_flattened_data()) == list(from_image.get_flattened_data())


def test_mask_from_an_exif_rotated_jpeg_matches_the_upright_picture():
    # Stored 300x200 with "rotate 90" (orientation 6): people see it as 200x300.
    picture = load_picture(pictures.jpeg((300, 200), exif_orientation=6))
    assert picture.size == (200, 300)
    canvas = canvas_with_stroke((100, 150), (40, 60, 60, 90))
    mask = build_mask(canvas, picture.size)
    assert mask.size == Image.open(io.BytesIO(picture.png)).size == (200, 300)


@pytest.mark.parametrize("size, expected", [((1000, 1000), "1:1"), ((1536, 1024), "3:2"), ((1024, 1536), "2:3"),
                                            ((1920, 1080), "3:2"), ((1080, 1920), "2:3"), ((1100, 1000), "1:1")])
def test_nearest_aspect_ratio(size, expected):
    assert nearest_size(*size) == expected


# -- reading pictures --------------------------------------------------------------------------

@pytest.mark.parametrize("content, words", [
    (b"", "empty"),
    (pictures.png()[:60], "damaged or cut off"),
    (pictures.jpeg()[:200], "damaged or cut off"),
    (b"hello, I am text with a .png name", "not a picture"),
    (pictures.svg(), "SVG"),
    (pictures.heic_header(), "HEIC"),
    (pictures.animated_gif(), "GIF"),
    (pictures.decompression_bomb(), "pixels"),
    (pictures.huge_dimensions_png(), "10000x10000"),
    (b"\x00" * (MAX_UPLOAD_BYTES + 1), "25.0 MB"),
], ids=["zero-bytes", "truncated-png", "truncated-jpeg", "text", "svg", "heic", "animated-gif", "bomb",
        "10000x10000", "over-25mb"])
def test_bad_files_are_refused_with_a_message_that_names_the_problem(content, words):
    with pytest.raises(ImageError) as caught:
        load_picture(content, name="photo.png")
    assert words in str(caught.value)


@pytest.mark.parametrize("content, mode", [
    (pictures.jpeg(mode="CMYK", colour=(0, 0, 0, 0)), "RGB"),
    (pictures.sixteen_bit_png(), "RGB"),
    (pictures.palette_png_with_transparency(), "RGBA"),
    (pictures.png(mode="LA", colour=(100, 50)), "RGBA"),
    (pictures.png(mode="L", colour=100), "RGB"),
], ids=["cmyk-jpeg", "16-bit-png", "palette-transparent-png", "grey-alpha-png", "grey-png"])
def test_odd_but_valid_pictures_are_normalised(content, mode):
    picture = load_picture(content)
    assert picture.image.mode == mode
    assert Image.open(io.BytesIO(picture.png)).format == "PNG"


def test_webp_is_accepted():
    out = io.BytesIO()
    Image.new("RGB", (30, 20), (1, 2, 3)).save(out, format="WEBP")
    assert load_picture(out.getvalue()).original_format == "WebP"

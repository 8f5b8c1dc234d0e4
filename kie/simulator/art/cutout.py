"""Background removal for the simulator's "remove background" tool: the subject kept, the rest transparent.

The background is taken to be the smooth area (sky, ground, walls: gradients without edges) that can be reached
from the picture's borders without crossing an edge; whatever it encloses is the subject. Worked out on a small
copy for speed, then enlarged into a soft-edged alpha channel. When that finds no subject (a photo full of
texture), the colour of the borders is made transparent instead.
"""

from __future__ import annotations

from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageStat

WORK_SIDE = 200  # the long side of the copy the background is found on
EDGE = 6  # a step between neighbours (0..255) above this stops the background
BORDER_TOLERANCE = 28  # the fallback: colours this close to the border's are background


def _edges(small: Image.Image) -> Image.Image:
    """The largest step to the next pixel across or down, over the three channels (0 on the outermost pixels).

    A first difference, not a Laplacian: gradients and the soft creases of a glow are no edges.
    """
    w, h = small.size
    across = ImageChops.difference(small, ImageChops.offset(small, 1, 0))
    down = ImageChops.difference(small, ImageChops.offset(small, 0, 1))
    bands = ImageChops.lighter(across, down).split()
    steps = ImageChops.lighter(ImageChops.lighter(bands[0], bands[1]), bands[2])
    inner = Image.new("L", (w, h), 0)
    inner.paste(steps.crop((1, 1, w - 1, h - 1)), (1, 1))  # offset() wraps round: the outer ring is no edge
    return inner


def subject_mask(image: Image.Image) -> Image.Image:
    """An L mask at a small size: 255 on the subject, 0 on the background reached from the borders."""
    scale = WORK_SIDE / max(image.size)
    size = (max(8, round(image.width * scale)), max(8, round(image.height * scale)))
    small = image.resize(size, Image.Resampling.BOX)
    smooth = _edges(small).point(lambda v: 0 if v > EDGE else 255)
    framed = Image.new("L", (size[0] + 2, size[1] + 2), 255)  # a smooth frame joins every border pixel
    framed.paste(smooth, (1, 1))
    ImageDraw.floodfill(framed, (0, 0), 128, thresh=0)
    background = framed.crop((1, 1, size[0] + 1, size[1] + 1)).point(lambda v: 255 if v == 128 else 0)
    subject = ImageChops.invert(background)
    # Opening removes thin lines (a horizon, rain, stars) that are edges but no subject.
    return subject.filter(ImageFilter.MinFilter(5)).filter(ImageFilter.MaxFilter(5))


def _border_mask(image: Image.Image) -> Image.Image:
    """The fallback: 0 where a pixel is close to the median border colour, 255 elsewhere (full size)."""
    w, h = image.size
    border = [image.getpixel((x, y)) for x in range(0, w, max(1, w // 32)) for y in (0, h - 1)]
    border += [image.getpixel((x, y)) for y in range(0, h, max(1, h // 32)) for x in (0, w - 1)]
    median = tuple(sorted(c[i] for c in border)[len(border) // 2] for i in range(3))
    diff = ImageChops.difference(image, Image.new("RGB", image.size, median)).convert("L")
    return diff.point(lambda v: 0 if v < BORDER_TOLERANCE else 255)


def cutout(image: Image.Image) -> Image.Image:
    """`image` (RGB) as RGBA with its background transparent and a soft edge round the subject."""
    mask = subject_mask(image)
    share = ImageStat.Stat(mask).mean[0] / 255
    if 0.005 < share < 0.97:
        alpha = mask.resize(image.size, Image.Resampling.BILINEAR).point(lambda v: max(0, min(255, (v - 64) * 2)))
    else:
        alpha = _border_mask(image)
    alpha = alpha.filter(ImageFilter.BoxBlur(1))
    out = image.convert("RGBA")
    out.putalpha(alpha)
    return out

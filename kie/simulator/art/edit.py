"""Edits: what the prompt asks for, drawn inside the painted area over the local colours; the rest untouched.

The painted (black) area of the mask is filled with a smooth continuation of the colours round it (a quick
inpainting), the subject the edit names ("add a moon", "make it a dog", "the cat becomes a small dog") is drawn
fitted to the area's bounding box, and the result is blended in with a soft inner edge. Outside the painted
area every pixel is the source's, exactly.
"""

from __future__ import annotations

from dataclasses import replace

from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageOps, ImageStat

from kie.simulator.art.groups import group, group_extents, single
from kie.simulator.art.pen import RGB, Pen, darker, mix
from kie.simulator.art.scenery import seeded
from kie.simulator.art.styles import look_for
from kie.simulator.art.subjects import SUBJECTS
from kie.simulator.art.vocab import COLOURS, edit_target, words_of

REMOVE_WORDS = {"remove", "erase", "delete", "without", "clear", "empty"}


def _median(colours: list, reach: int) -> list:
    """Each colour replaced by the median (by brightness) of its neighbours within `reach` places."""
    bright = [c[0] * 3 + c[1] * 6 + c[2] for c in colours]
    out = []
    for i in range(len(colours)):
        window = sorted(range(max(0, i - reach), min(len(colours), i + reach + 1)), key=bright.__getitem__)
        out.append(colours[window[len(window) // 2]])
    return out


def local_fill(source: Image.Image, painted: Image.Image, box: tuple[int, int, int, int]) -> Image.Image:
    """The area `box` filled with the colours round it (box-sized RGB): each row runs from the kept colour just
    left of its painted span to the one just right of it, so skies, horizons and floors carry on through."""
    x0, y0, x1, y1 = box
    bw, bh = x1 - x0, y1 - y0
    step = max(1, bh // 160)  # every few rows is enough: the columns are smoothed and stretched anyway
    lefts, rights = [], []
    for y in range(y0, y1, step):
        span = painted.crop((0, y, source.width, y + 1)).getbbox()
        a, b = (span[0], span[2]) if span else (x0, x1)
        left = source.getpixel((a - 1, y)) if a > 0 else None
        right = source.getpixel((b, y)) if b < source.width else None
        lefts.append(left or right or (128, 128, 128))
        rights.append(right or left or (128, 128, 128))
    reach = max(2, len(lefts) // 12)  # a tail tip poking out of the area leaves no streak
    left_column, right_column = Image.new("RGB", (1, len(lefts))), Image.new("RGB", (1, len(rights)))
    left_column.putdata(_median(lefts, reach))
    right_column.putdata(_median(rights, reach))
    if step > 1:
        left_column = left_column.resize((1, bh), Image.Resampling.BILINEAR)
        right_column = right_column.resize((1, bh), Image.Resampling.BILINEAR)
    ramp = Image.linear_gradient("L").rotate(90, expand=True).transpose(Image.Transpose.FLIP_LEFT_RIGHT)
    fill = Image.composite(right_column.resize((bw, bh), Image.Resampling.NEAREST),
                           left_column.resize((bw, bh), Image.Resampling.NEAREST),
                           ramp.resize((bw, bh), Image.Resampling.BILINEAR))
    return fill.filter(ImageFilter.BoxBlur(2)) if min(bw, bh) > 6 else fill


def _contrasting(base: RGB, wanted: RGB) -> RGB:
    """`wanted`, nudged so it stands out from the local colour `base`."""
    lum = lambda c: c[0] * 0.3 + c[1] * 0.59 + c[2] * 0.11  # noqa: E731
    if abs(lum(base) - lum(wanted)) < 40:
        return mix(wanted, (255, 255, 255) if lum(base) < 128 else (0, 0, 0), 0.35)
    return wanted


def largest_patch(painted: Image.Image) -> tuple[int, int, int, int]:
    """The bounding box of the largest connected painted patch of `painted` (an L mask, 255 painted)."""
    box = (0, 0) + painted.size
    if ImageStat.Stat(painted).mean[0] > 255 * 0.5:  # most of the box painted: one patch (an ellipse is 0.79)
        return box
    scale = min(1.0, 64 / max(painted.size))
    small = painted.resize((max(1, round(painted.width * scale)), max(1, round(painted.height * scale))),
                           Image.Resampling.BOX).point(lambda v: 255 if v >= 128 else 0)
    best, best_count, label = None, 0, 1
    data = small.load()
    for y in range(small.height):
        for x in range(small.width):
            if data[x, y] == 255 and label < 255:
                ImageDraw.floodfill(small, (x, y), label, thresh=0)
                count = small.histogram()[label]
                if count > best_count:
                    best, best_count = label, count
                label += 1
    if best is None or label == 2:  # one patch (or none found at this scale): the whole box
        return box
    found = small.point(lambda v: 255 if v == best else 0).getbbox()
    if found is None:
        return box
    return (max(0, int(found[0] / scale)), max(0, int(found[1] / scale)), min(painted.width, round(found[2] / scale)),
            min(painted.height, round(found[3] / scale)))


def paint_area(source: Image.Image, painted: Image.Image, box: tuple[int, int, int, int], prompt: str, index: int,
               style: str | None) -> Image.Image:
    """What goes into `box`: the local fill with the edit's subject drawn on it (box-sized RGB)."""
    look = look_for(style)
    fill = local_fill(source, painted, box)
    bw, bh = fill.size
    reading = edit_target(prompt)
    words = set(words_of(prompt))
    base = tuple(round(v) for v in ImageStat.Stat(fill).mean[:3])
    if words & REMOVE_WORDS and not words & {"add", "replace", "with", "becomes", "into"}:
        return fill  # "remove the cat": only the surroundings carry on
    if reading.subjects or reading.sky:
        scale = 2 if bw * bh < 300_000 else 1  # drawn at twice the size and reduced: smooth edges
        layer = fill.resize((bw * scale, bh * scale), Image.Resampling.BILINEAR)
        draw = ImageDraw.Draw(layer)
        # The subject goes into the largest painted patch (a second stroke elsewhere only clears its area).
        t0, t1, t2, t3 = (v * scale for v in largest_patch(painted.crop(box)))
        tw, th = t2 - t0, t3 - t1
        flip = bool(seeded("edit", prompt, index).random() < 0.5) != bool(index % 2)
        if reading.subjects:
            kind, count, colour = reading.subjects[0]
            subject = SUBJECTS[kind]
            # What the edit names, drawn as the pictures draw it: "add a woman riding a bicycle" is the rider on
            # her bicycle, "add a cat on a sofa" the cat on the sofa.
            unit = reading.units[0] if reading.units and reading.units[0].kind == kind else single(kind, colour)
            unit = replace(unit, colour=_contrasting(base, colour or subject.colour))
            drawing = group(unit)
            u0, u1, v0, v1 = group_extents(unit)
            aspect = (u1 - u0) / (v1 - v0)
            copies = min(3, count)
            # An ellipse's inner rectangle is about 0.7 of its box: the subject stays inside a round painted area.
            room_w, room_h = tw * (0.8 - 0.05 * (index % 2)) / (1 + 0.6 * (copies - 1)), th * 0.8
            height = min(room_h, room_w / aspect)  # the visible height
            for n in range(copies):
                x = t0 + tw / 2 + (n - (copies - 1) / 2) * height * aspect * 0.85
                y = t1 + th / 2 + height / 2 if subject.place in ("sky", "air") else t1 + th * 0.9
                if subject.place not in ("sky", "air"):
                    for k, t in ((1.0, 0.12), (0.75, 0.22)):
                        rx, ry = height * aspect * 0.45 * k, height * 0.06 * k
                        draw.ellipse((x - rx, y - ry, x + rx, y + ry), fill=darker(base, t))
                facing = flip != bool(n % 2)
                s = height * (1 - 0.1 * (n % 2)) / (v1 - v0)
                pen = Pen(draw, x - (-1 if facing else 1) * (u0 + u1) / 2 * s, y + v0 * s, s, flip=facing,
                          tone=lambda c: look.tone(mix(c, base, 0.1)), outline=look.outline, line=look.line)
                drawing.draw(pen)
        else:
            r = min(tw, th) * 0.36
            x, y = t0 + tw / 2, t1 + th / 2
            if "moon" in reading.sky:
                halo = mix(base, (230, 230, 245), 0.2)
                draw.ellipse((x - r * 1.5, y - r * 1.5, x + r * 1.5, y + r * 1.5), fill=halo)
                draw.ellipse((x - r, y - r, x + r, y + r), fill=look.tone((245, 240, 215)))
                draw.ellipse((x - r * 0.45, y - r * 0.3, x - r * 0.1, y + r * 0.05), fill=look.tone((222, 218, 192)))
            elif "sun" in reading.sky:
                halo = mix(base, (255, 220, 140), 0.35)
                draw.ellipse((x - r * 1.5, y - r * 1.5, x + r * 1.5, y + r * 1.5), fill=halo)
                draw.ellipse((x - r, y - r, x + r, y + r), fill=look.tone((255, 214, 110)))
            else:
                pen = Pen(draw, x, y, r * 2)
                for k in range(5):
                    rng = seeded("star", k, index)
                    pen.star(rng.uniform(-0.8, 0.8), rng.uniform(-0.6, 0.6), rng.uniform(0.05, 0.12), (250, 245, 210))
        return layer.reduce(scale) if scale > 1 else layer
    colour = next((COLOURS[w] for w in words_of(prompt) if w in COLOURS), None)
    area = source.crop(box)
    if colour is not None:  # "make it red": the same shapes, recoloured
        grey = ImageOps.grayscale(area)
        tinted = ImageOps.colorize(grey, darker(colour, 0.7), mix(colour, (255, 255, 255), 0.55))
        # Only what stands out from the surroundings (the thing painted over) takes the colour.
        thing = ImageChops.difference(area, fill).convert("L").point(lambda v: 255 if v > 24 else 0)
        return Image.composite(tinted, area, thing.filter(ImageFilter.BoxBlur(1)))
    moods = [*reading.weather, *(sorted(reading.settings & set(TINTS))), *([reading.time] if reading.time else [])]
    if moods:  # "make it night", "add snow", "in autumn": the same picture in another light or season
        return mood(area, moods, index, look.tone)
    # Words it does not know: the area softened towards its surroundings (nothing invented).
    return Image.blend(area, fill, 0.6)


TINTS: dict[str, tuple[RGB, float]] = {
    "sunset": ((255, 140, 80), 0.3), "sunrise": ((255, 175, 150), 0.28), "noon": ((205, 225, 245), 0.45),
    "night": ((25, 35, 85), 0.55), "snow": ((240, 244, 250), 0.38), "autumn": ((210, 120, 40), 0.3),
    "desert": ((230, 190, 130), 0.35), "fog": ((225, 228, 232), 0.5), "rain": ((90, 100, 120), 0.3),
    "storm": ((60, 65, 85), 0.45), "clouds": ((200, 205, 215), 0.15), "snowfall": ((240, 244, 250), 0.12),
}


def mood(area: Image.Image, moods: list[str], index: int, tone) -> Image.Image:
    """`area` tinted for each mood (time of day, season, weather), with rain, snow, a rainbow or lightning drawn."""
    out = area.copy()
    for name in moods:
        if name in TINTS:
            colour, share = TINTS[name]
            out = Image.blend(out, Image.new("RGB", out.size, tone(colour)), share)
    draw = ImageDraw.Draw(out)
    w, h = out.size
    rng = seeded("mood", index, *moods)
    if {"rain", "storm"} & set(moods):
        for _ in range(max(8, w * h // 4000)):
            x, y = rng.uniform(0, w), rng.uniform(0, h)
            draw.line([(x, y), (x - h * 0.012, y + h * 0.05)], fill=(215, 222, 235), width=max(1, w // 400))
    if {"snow", "snowfall"} & set(moods):
        for _ in range(max(8, w * h // 5000)):
            x, y, r = rng.uniform(0, w), rng.uniform(0, h), rng.uniform(1.5, 4) * max(1, w / 700)
            draw.ellipse((x - r, y - r, x + r, y + r), fill=(252, 252, 255))
    if "rainbow" in moods:
        colours = [(230, 70, 70), (245, 150, 60), (245, 220, 70), (90, 180, 90), (70, 130, 220), (130, 80, 190)]
        r, band = w * 0.45, max(2, h * 0.03)
        for i, c in enumerate(colours):
            rr = r - i * band
            draw.arc((w / 2 - rr, h * 0.95 - rr, w / 2 + rr, h * 0.95 + rr), 180, 360, fill=tone(c), width=round(band))
    if "lightning" in moods or "storm" in moods:
        x, y, points = w * 0.55, 0.0, []
        for i in range(6):
            points.append((x, y))
            x += w * (0.06 if i % 2 else -0.05)
            y += h / 5
        draw.line(points, fill=(255, 250, 200), width=max(2, w // 120), joint="curve")
    return out


def edit(source: Image.Image, mask: Image.Image, prompt: str, index: int, style: str | None = None) -> Image.Image:
    """The edit at the source's size: the source where the mask is white, the prompt's change where it is black."""
    src = source.convert("RGB")
    keep = mask.convert("L")
    if keep.size != src.size:  # the provider requires equal sizes; be lenient rather than fail the task
        keep = keep.resize(src.size, Image.Resampling.NEAREST)
    painted = keep.point(lambda v: 0 if v >= 128 else 255)
    box = painted.getbbox()
    if box is None:
        return src
    # Only the painted area's box is worked on: everything else is the source, untouched.
    area = paint_area(src, painted, box, prompt, index, style)
    local = painted.crop(box)
    bw, bh = area.size
    # A soft inner edge: the new content fades in over a few pixels inside the painted area, never outside it.
    radius = max(1, min(6, min(bw, bh) // 40))
    if min(bw, bh) > 8:
        framed = Image.new("L", (bw + 2 * radius, bh + 2 * radius), 0)
        framed.paste(local, (radius, radius))
        soft = framed.filter(ImageFilter.BoxBlur(radius)).crop((radius, radius, radius + bw, radius + bh))
        alpha = ImageChops.darker(local, soft)
    else:
        alpha = local
    out = src.copy()
    out.paste(area, box[:2], alpha)
    return out

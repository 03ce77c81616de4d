"""Trend charts as PNG images for the progress report, drawn with Pillow.

matplotlib is not a dependency (it would bring numpy and more); a trend line with its binding norm
and target lines is simple enough to draw directly. The charts are deterministic: the same series give
the same bytes, using Pillow's built-in scalable font so no system font is needed.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from PIL import Image, ImageDraw, ImageFont

WIDTH, HEIGHT = 1600, 560
_MARGIN_L, _MARGIN_R, _MARGIN_T, _MARGIN_B = 130, 40, 40, 110
NAVY, RED, GREEN, GREY, AMBER = (31, 56, 100), (192, 0, 0), (56, 142, 60), (150, 150, 150), (230, 145, 56)
_STATUS_COLOURS = {"target_met": GREEN, "norm_met": AMBER, "below_norm": RED}


@dataclass(frozen=True)
class Line:
    """A series to draw: ``values`` per x label (``None``: a gap), in ``colour``, named in the legend."""

    name: str
    values: list[float | None]
    colour: tuple[int, int, int] = NAVY


def _font(size: int) -> ImageFont.ImageFont | ImageFont.FreeTypeFont:
    return ImageFont.load_default(size=size)


def trend_chart(labels: list[str], lines: list[Line], *, norm: float | None = None,
                target: float | None = None, statuses: list[str] | None = None, decimals: int = 1,
                fmt=lambda v, d: f"{v:.{d}f}", legend: dict[str, str] | None = None) -> bytes:
    """A line chart of ``lines`` over ``labels`` with dashed binding norm (red) and target (green) lines.

    ``statuses`` colours the markers of the first line by status. ``fmt(value, decimals)`` formats
    axis numbers (pass the report language's number format). ``legend`` names the norm and
    target lines (keys ``norm``, ``target``). Gaps (``None``) break the line: a missing
    measurement is never drawn as zero. Returns PNG bytes.
    """
    image = Image.new("RGB", (WIDTH, HEIGHT), "white")
    draw = ImageDraw.Draw(image)
    values = [v for line in lines for v in line.values if v is not None]
    values += [v for v in (norm, target) if v is not None]
    low, high = (min(values), max(values)) if values else (0.0, 1.0)
    pad = (high - low) * 0.15 or max(abs(high) * 0.05, 0.5)
    low, high = low - pad, high + pad
    left, right, top, bottom = _MARGIN_L, WIDTH - _MARGIN_R, _MARGIN_T, HEIGHT - _MARGIN_B
    n = max(len(labels), 1)

    def x(i: int) -> float:
        return left + (right - left) * (i + 0.5) / n

    def y(v: float) -> float:
        return bottom - (bottom - top) * (v - low) / (high - low)

    small, normal = _font(22), _font(26)
    for step in range(5):  # horizontal grid with values
        v = low + (high - low) * step / 4
        draw.line([(left, y(v)), (right, y(v))], fill=(225, 225, 225), width=2)
        draw.text((left - 12, y(v)), fmt(v, decimals), fill=GREY, font=small, anchor="rm")
    draw.line([(left, bottom), (right, bottom)], fill=GREY, width=2)
    every = max(1, -(-len(labels) // 12))
    for i, name in enumerate(labels):
        if i % every == 0:
            draw.text((x(i), bottom + 14), name, fill=(80, 80, 80), font=small, anchor="ma")
    for value, colour, key in ((norm, RED, "norm"), (target, GREEN, "target")):
        if value is None:
            continue
        for start in range(left, right, 28):
            draw.line([(start, y(value)), (min(start + 16, right), y(value))], fill=colour, width=3)
    for number, line in enumerate(lines):
        points = [(x(i), y(v)) if v is not None else None for i, v in enumerate(line.values)]
        for a, b in zip(points, points[1:]):
            if a is not None and b is not None:
                draw.line([a, b], fill=line.colour, width=5)
        for i, point in enumerate(points):
            if point is None:
                continue
            colour = line.colour
            if number == 0 and statuses is not None:
                colour = _STATUS_COLOURS.get(statuses[i], line.colour)
            draw.ellipse([point[0] - 9, point[1] - 9, point[0] + 9, point[1] + 9], fill=colour, outline="white",
                         width=2)
    entries = [(line.name, line.colour, False) for line in lines]
    entries += [((legend or {}).get(key, key), colour, True) for value, colour, key in
                ((norm, RED, "norm"), (target, GREEN, "target")) if value is not None]
    cursor = left
    for name, colour, dashed in entries:
        mid = HEIGHT - 32
        if dashed:
            draw.line([(cursor, mid), (cursor + 14, mid)], fill=colour, width=3)
            draw.line([(cursor + 22, mid), (cursor + 36, mid)], fill=colour, width=3)
        else:
            draw.line([(cursor, mid), (cursor + 36, mid)], fill=colour, width=5)
        draw.text((cursor + 46, mid), name, fill=(60, 60, 60), font=normal, anchor="lm")
        cursor += 46 + int(draw.textlength(name, font=normal)) + 50
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()

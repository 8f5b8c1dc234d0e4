"""People, as silhouettes: each drawn through a Pen in its own units (base 0, top 1)."""

from __future__ import annotations

from kie.simulator.art.pen import RGB, Pen, lighter


def figure(p: Pen, u: float, h: float, c: RGB, arm_out: float = 0.0) -> None:
    """A standing silhouette `h` units tall at `u`."""
    p.line([(u - 0.05 * h, 0.02 * h), (u - 0.04 * h, 0.42 * h)], c, 0.07 * h)
    p.line([(u + 0.05 * h, 0.02 * h), (u + 0.05 * h, 0.42 * h)], c, 0.07 * h)
    p.poly([(u - 0.13 * h, 0.42 * h), (u - 0.12 * h, 0.76 * h), (u + 0.12 * h, 0.76 * h), (u + 0.13 * h, 0.42 * h)],
           c)
    p.line([(u - 0.12 * h, 0.74 * h), (u - 0.18 * h, 0.46 * h)], c, 0.06 * h)
    p.line([(u + 0.12 * h, 0.74 * h), (u + 0.14 * h + arm_out * h, 0.46 * h)], c, 0.06 * h)
    p.oval(u, 0.88 * h, 0.1 * h, 0.11 * h, c)


def person(p: Pen, c: RGB) -> None:
    """A person, drawn in its own units (base 0, top 1)."""
    figure(p, 0.0, 1.0, c)


def child(p: Pen, c: RGB) -> None:
    """A child, drawn in its own units (base 0, top 1)."""
    figure(p, 0.0, 0.8, c)
    p.oval(0.0, 0.71, 0.115, 0.115, c)  # a child's head is larger for its height


def couple(p: Pen, c: RGB) -> None:
    """A couple, drawn in its own units (base 0, top 1)."""
    figure(p, -0.18, 1.0, c, arm_out=0.08)
    figure(p, 0.18, 0.92, lighter(c, 0.12), arm_out=-0.08)
    p.poly([(0.06, 0.4), (0.03, 0.6), (0.33, 0.6), (0.3, 0.4)], lighter(c, 0.12))  # her dress


def crowd(p: Pen, c: RGB) -> None:
    """A crowd, drawn in its own units (base 0, top 1)."""
    for u, h, t in ((-0.6, 0.9, 0.1), (-0.3, 1.0, 0.0), (0.0, 0.85, 0.2), (0.3, 0.95, 0.05), (0.6, 0.8, 0.15)):
        figure(p, u, h, lighter(c, t))

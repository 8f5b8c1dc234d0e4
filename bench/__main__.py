"""Run every benchmark and write bench/RESULTS.md:  python -m bench"""

from __future__ import annotations

import sys

from bench import batch, images, more_models, pages, polling, polling_market, scale, server, sim_pictures, thumbnails
from bench.common import ROOT, machine

HEADER = """# Benchmark results

Written by `python -m bench`; each part also runs alone (`python -m bench.<part>`: polling, polling_market, pages,
more_models, images, thumbnails, sim_pictures, batch, server, scale). Machines here are noisy: figures are medians of
several repetitions measured in one run, and each comparison is made within that run.

Machine and date: {machine}.
"""


def main() -> None:
    sections = [HEADER.format(machine=machine()), polling.run(), polling_market.run(), pages.run(), more_models.run(),
                images.run(), thumbnails.run(), sim_pictures.run(), batch.run(), server.run(), scale.run()]
    text = "\n\n".join(sections) + "\n"
    if "--print" in sys.argv:
        print(text)
        return
    (ROOT / "bench" / "RESULTS.md").write_text(text)
    print(f"wrote {ROOT / 'bench' / 'RESULTS.md'}")


if __name__ == "__main__":
    main()

"""`streamlit run app.py` with the lag knobs set from outside, so that one benchmark run compares settings.

    python -m bench.server_app [--tick S] [--callback-tick S] [--landing-margin S] [--no-align] [--tick-mode]
                               -- <options>

Sets `components.tasks_panel.TICK_SECONDS`, `CALLBACK_TICK_SECONDS`, `ALIGN_TO_POLLS` and the default policy's
`landing_margin` before Streamlit imports the app (it runs in this process: `streamlit run` serves an st.App
with uvicorn in-process), then hands over to Streamlit's command line. `--tick-mode` is the app before issue 28:
pages do not listen and never count on the worker, so they tick and poll their own due tasks (the worker polls too,
claims deciding who asks). Only the benchmark uses it.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace


def main(argv: list[str] | None = None) -> None:
    """Apply the knobs, then run `streamlit run app.py <rest>`."""
    argv = sys.argv[1:] if argv is None else argv
    ours, rest = (argv[:argv.index("--")], argv[argv.index("--") + 1:]) if "--" in argv else (argv, [])
    parser = argparse.ArgumentParser(prog="python -m bench.server_app")
    parser.add_argument("--tick", type=float, default=None)
    parser.add_argument("--callback-tick", type=float, default=None)
    parser.add_argument("--landing-margin", type=float, default=None)
    parser.add_argument("--no-align", action="store_true")
    parser.add_argument("--tick-mode", action="store_true")
    args = parser.parse_args(ours)
    import kie.polling as polling

    if args.landing_margin is not None:
        # Before kie.service is imported: it copies DEFAULT_POLICY into the service's policy.
        polling.DEFAULT_POLICY = replace(polling.DEFAULT_POLICY, landing_margin=args.landing_margin)
    import components.tasks_panel as panel

    if args.tick is not None:
        panel.TICK_SECONDS = args.tick
    if args.callback_tick is not None:
        panel.CALLBACK_TICK_SECONDS = args.callback_tick
    if args.no_align:
        panel.ALIGN_TO_POLLS = False
    if args.tick_mode:
        import components.listen as listen

        listen.worker_follows = lambda: False
        listen.listen_for = lambda *_args, **_kwargs: False
    from streamlit.web import cli

    sys.argv = ["streamlit", "run", "app.py", *rest]
    cli.main()


if __name__ == "__main__":
    main()

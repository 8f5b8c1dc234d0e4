"""python -m kie.simulator --port 8765 --key my-test-key  (see kie/simulator/__init__.py for everything it does)"""

from __future__ import annotations

import argparse
import logging
import os

from kie.simulator.http import SimulatorServer
from kie.simulator.state import CALLBACK_MODES, Simulator


def main(argv: list[str] | None = None) -> None:
    """Run the simulator in the foreground until interrupted."""
    parser = argparse.ArgumentParser(prog="python -m kie.simulator",
                                     description="A local kie.ai 4o Image API simulator.")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--key", action="append", default=[], help="an API key to accept (repeatable); "
                        "also STUDIO_SIM_KEYS, comma-separated")
    parser.add_argument("--task-seconds", type=float, default=float(os.environ.get("STUDIO_SIM_TASK_SECONDS", 4)))
    parser.add_argument("--null-seconds", type=float, default=0.6)
    parser.add_argument("--credits", type=float, default=1000.0)
    parser.add_argument("--state-dir", default=None, help="keep tasks and uploads here across restarts")
    parser.add_argument("--dialect", choices=("openapi", "quickstart"), default="openapi",
                        help="which of the documented spellings to answer in")
    parser.add_argument("--callbacks", choices=CALLBACK_MODES, default="send",
                        help="call back a task's callBackUrl when it ends: send (at once), drop (never), "
                             "delay (--callback-delay seconds later)")
    parser.add_argument("--callback-delay", type=float, default=0.0)
    parser.add_argument("--callback-repeat", action="store_true", help="send every callback twice")
    parser.add_argument("--webhook-hmac-key", default=os.environ.get("STUDIO_SIM_WEBHOOK_HMAC_KEY") or None,
                        help="sign callbacks with this key (X-Webhook-Timestamp, X-Webhook-Signature); "
                             "also STUDIO_SIM_WEBHOOK_HMAC_KEY, which keeps it off the command line")
    args = parser.parse_args(argv)
    keys = args.key + [k for k in os.environ.get("STUDIO_SIM_KEYS", "").split(",") if k]
    if not keys:
        parser.error("give at least one --key (or STUDIO_SIM_KEYS)")
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    sim = Simulator(keys, task_seconds=args.task_seconds, null_seconds=args.null_seconds,
                    start_credits=args.credits, state_dir=args.state_dir, dialect=args.dialect,
                    callbacks=args.callbacks, callback_delay=args.callback_delay,
                    callback_repeat=args.callback_repeat, webhook_hmac_key=args.webhook_hmac_key)
    server = SimulatorServer(sim, args.host, args.port, prepare_results=True)
    signed = ", callbacks signed" if args.webhook_hmac_key else ""
    print(f"kie simulator on {server.url} ({len(keys)} key(s), tasks take {args.task_seconds:g} s{signed})",
          flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()

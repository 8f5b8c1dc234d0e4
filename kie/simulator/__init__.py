"""A local HTTP server that speaks the kie.ai 4o Image API and Market API contracts, quirks included.

    python -m kie.simulator --port 8765 --key my-test-key [--task-seconds 4] [--state-dir DIR]

It serves demo mode, the tests and the benchmarks. What it does like the provider: bearer auth
(401 for an unknown key), codes in an HTTP-200 body, `recordInfo is null` right after creation,
progress over time, credits that go down (402 at zero), 429 past 20 generate requests in 10 s,
422 for invalid parameters, the three upload endpoints, download-url, credits, and callbacks to a
task's `callBackUrl` when it ends (signed when given a webhook HMAC key).

The Market API (`jobs/createTask`, `jobs/recordInfo`) for GPT Image 2, Nano Banana Pro, Seedream 4.5, Topaz
upscale and Recraft remove-background: each model's exact input fields (422 names the field), states
waiting -> queuing -> generating -> success|fail, `param`/`resultJson` as JSON strings, epoch-ms times,
`costTime`, failCode/failMsg, 404 for an unknown taskId, credits per model (`market.PRICES`), callbacks in
the recordInfo shape. Faults "code:433", "code:501", "code:505" answer with those codes like any other.

Prompt triggers (case-insensitive, anywhere in the prompt):
    [fail]            the task fails with errorCode 500
    [fail:400|451|500] the task fails with that errorCode and the provider's message for it (Market: also 501)
    [never]           the task never finishes
    [seconds:N]       the task takes N seconds instead of the default
    [uneven]          progress stays flat for most of the task, then jumps

Test hooks under /_sim/ (no auth; for tests and benchmarks): GET requests, GET uploads,
GET /_sim/uploads/<name>, GET callbacks (every callback attempt), POST reset, POST config {dialect, credits,
task_seconds, null_seconds, callbacks: send|drop|delay, callback_delay, callback_repeat},
POST faults [{path, kind, count, seconds, retry_after, delay}] (see `Fault`); config also takes
model_seconds {"<market model>": seconds}.

Modules: state (tasks, accounts, faults, callbacks due), market (the Market models' fields and pictures),
callbacks (sending them), http (the server),
pictures (scenes drawn from prompts), __main__ (the command line).
"""

from kie.simulator.callbacks import CallbackSender, sign
from kie.simulator.http import SimulatorServer
from kie.simulator.pictures import edit_composite, render_result, render_scene
from kie.simulator.state import (
    CALLBACK_MODES,
    FAILURE_MESSAGES,
    GENERATE_LIMIT,
    GENERATE_WINDOW,
    IMAGE_COST,
    Fault,
    SimState,
    SimTask,
    Simulator,
    account_for_key,
)

__all__ = [
    "CALLBACK_MODES", "FAILURE_MESSAGES", "GENERATE_LIMIT", "GENERATE_WINDOW", "IMAGE_COST", "CallbackSender",
    "Fault", "SimState", "SimTask", "Simulator", "SimulatorServer", "account_for_key", "edit_composite",
    "render_result", "render_scene", "sign",
]

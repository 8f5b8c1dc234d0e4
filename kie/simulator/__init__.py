"""A local HTTP server that speaks the kie.ai 4o Image API and Market API contracts, quirks included.

    python -m kie.simulator --port 8765 --key my-test-key [--task-seconds 4] [--state-dir DIR]

It serves demo mode, the tests and the benchmarks. What it does like the provider: bearer auth
(401 for an unknown key), codes in an HTTP-200 body, `recordInfo is null` right after creation,
progress over time, credits that go down (402 at zero) and come back when a task fails (a failed task costs
nothing), 429 past 20 generate requests in 10 s, 422 for invalid parameters, the three upload endpoints,
download-url, credits, and callbacks to a task's `callBackUrl` when it ends (signed when given a webhook HMAC key).

The Market API (`jobs/createTask`, `jobs/recordInfo`) for GPT Image 2, Nano Banana Pro, Seedream 4.5, Topaz
upscale and Recraft remove-background: each model's exact input fields (422 names the field), states
waiting -> queuing -> generating -> success|fail, `param`/`resultJson` as JSON strings, epoch-ms times,
`costTime`, failCode/failMsg, 404 for an unknown taskId, credits per model (`market.PRICES`), callbacks in
the recordInfo shape. Faults "code:433", "code:501", "code:505" answer with those codes like any other.

The Flux Kontext API (`flux/kontext/generate`, `flux/kontext/record-info`) and the Midjourney API (`mj/generate`,
`mj/record-info`, and the follow-ups `mj/generateUpscale` / `mj/generateVary` on one picture of a finished grid):
flat camelCase bodies checked field by field (422 names the field), successFlag 0/1/2/3 (2: not created, 3: created
then failed), one picture in `response.resultImageUrl` (Flux; JPEG unless PNG was asked for), a grid of four in
`resultInfoJson.resultUrls[].resultUrl` (an object; Midjourney), `paramJson` with Midjourney's "Relax" spelling, ISO
times, 404 for an unknown taskId, prices per speed, each family's callback body. Config: time_format (iso, ms,
text), result_format (objects, strings: Midjourney's resultUrls) and message_key (msg, message: every answer's
message key); model_seconds also takes "flux-kontext-pro", "midjourney" and "midjourney:<speed>".
The Market's Imagen 4 (fast, standard, ultra), Nano Banana (and its edit), Seedream 4.0 (up to 6 pictures a task),
Qwen (text to image, image to image, image edit) and Flux 2 (pro, flex; text to image, image to image) as the notes
give their fields.

Prompt triggers (case-insensitive, anywhere in the prompt):
    [fail]            the task fails with errorCode 500
    [fail:400|451|500] the task fails with that errorCode and the provider's message for it (Market: also 501;
                      Flux Kontext: 400 (successFlag 2), 500, 501; Midjourney: 400 (successFlag 2), 500)
    [never]           the task never finishes
    [seconds:N]       the task takes N seconds instead of the default
    [uneven]          progress stays flat for most of the task, then jumps

Test hooks under /_sim/ (no auth; for tests and benchmarks): GET requests, GET uploads,
GET /_sim/uploads/<name>, GET callbacks (every callback attempt), POST reset, POST config {dialect, credits,
task_seconds, null_seconds, callbacks: send|drop|delay, callback_delay, callback_repeat},
POST faults [{path, kind, count, seconds, retry_after, delay}] (see `Fault`); config also takes
model_seconds {"<market model>": seconds}.

Modules: state (the Simulator: accounts, credits, the rate limit, when tasks end, persistence, configuration),
gpt4o (the 4o Image API), apis (Market, Flux Kontext and Midjourney tasks), market / flux_kontext / midjourney
(each API's fields, answers and pictures), flat (checking flat bodies, times), tasks (what a task is), files
(uploads, result pictures), faults (what a test switches on), callback_queue (which callbacks are due, their bodies),
callbacks (sending them), preparing (a task's pictures drawn before its end), http (the server), pictures (scenes
drawn from prompts), __main__ (the command line).
"""

from kie.simulator.callbacks import CallbackSender, sign
from kie.simulator.faults import Fault
from kie.simulator.gpt4o import FAILURE_MESSAGES, IMAGE_COST
from kie.simulator.http import SimulatorServer
from kie.simulator.pictures import edit_composite, render_result, render_scene
from kie.simulator.state import CALLBACK_MODES, Simulator, account_for_key, validate_submit
from kie.simulator.tasks import SimState, SimTask

__all__ = [
    "CALLBACK_MODES", "FAILURE_MESSAGES", "IMAGE_COST", "CallbackSender", "Fault", "SimState", "SimTask", "Simulator",
    "SimulatorServer", "account_for_key", "edit_composite", "render_result", "render_scene", "sign", "validate_submit",
]

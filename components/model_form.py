"""The model form, drawn from the catalogue: a control labelled Model, then that model's own options.

Nothing here knows a model: the choices, labels, defaults, limits and refused combinations all come from
`kie.catalog`, so a new catalogue entry gets its form with no change here. Widget values are kept per model
(switching model and back keeps what was chosen) under `<prefix>_<model id>_<option key>`.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

import streamlit as st

from components import state
from kie import catalog, figures
from kie.catalog import ModelSpec, OptionSpec
from kie.composite import KEEP_MASK
from kie.errors import RequestInvalid
from kie.models import GenerateRequest
from kie.workspace import InputFile

SEGMENTED_CHARS = 16  # all labels together at most this long: a segmented control fits a 400 px column
RADIO_VALUES = 6  # up to this many: horizontal radio buttons (they wrap on narrow windows); more: a selectbox


def model_key(prefix: str) -> str:
    """The session key of a form's Model control."""
    return f"{prefix}_model"


def option_key(prefix: str, model_id: str, key: str) -> str:
    """The session key of one option of one model in a form."""
    return f"{prefix}_{model_id}_{key}"


def chosen_model(prefix: str) -> ModelSpec:
    """The model a form has chosen (the default model when none, or when it left the catalogue)."""
    model_id = st.session_state[state.remember(model_key(prefix), catalog.DEFAULT_MODEL)]
    return catalog.CATALOG.get(model_id or "") or catalog.get(catalog.DEFAULT_MODEL)


def current_options(prefix: str, spec: ModelSpec) -> dict[str, Any]:
    """A form's values for one model, its defaults where the form has none yet."""
    return spec.complete({o.key: st.session_state[state.remember(option_key(prefix, spec.id, o.key), o.default)]
                          for o in spec.options})


def set_form(prefix: str, model_id: str, options: dict[str, Any] | None = None) -> bool:
    """Put a model and its options into a form (Restore, the library: before the widgets, or in a callback).

    Values the model does not offer are left at the form's own. False when the model is not in the catalogue.
    """
    spec = catalog.CATALOG.get(model_id or "")
    if spec is None or spec.is_tool:
        return False
    state.set_value(model_key(prefix), spec.id)
    for option in spec.options:
        value = (options or {}).get(option.key, option.default)
        if value in option.values:
            state.set_value(option_key(prefix, spec.id, option.key), value)
    return True


def model_facts(spec: ModelSpec, refs: int = 0, options: dict[str, Any] | None = None) -> str:
    """What a model takes, in one line: prompt length, reference pictures, mask, images per task, time (with these
    options: a relaxed Midjourney task takes minutes)."""
    parts = [f"prompts up to {spec.max_prompt_chars:,} characters"]
    if spec.max_refs:
        need = "needs" if spec.refs_required else "takes"
        parts.append(f"{need} up to {spec.max_refs} reference picture{'s' * (spec.max_refs != 1)}")
    else:
        parts.append("no reference pictures")
    parts.append("takes a painted mask" if spec.takes_mask else "no mask (edits are image to image)")
    if spec.images_option is None and spec.images_per_task > 1:
        parts.append(f"{spec.images_per_task} pictures a task")
    parts.append(f"about {duration_words(spec.typical_seconds_for(options))} a task")
    text = "; ".join(parts)
    return text[0].upper() + text[1:] + "."


def duration_words(seconds: float) -> str:
    """"40 s", "5 min": a typical duration, short."""
    return f"{seconds:.0f} s" if seconds < 120 else f"{seconds / 60:.0f} min"


def _form_options(prefix: str, spec: ModelSpec) -> dict[str, Any]:
    """A form's values for one model as they stand (its defaults where it has none), read without remembering."""
    return spec.complete({o.key: st.session_state.get(option_key(prefix, spec.id, o.key), o.default)
                          for o in spec.options})


def model_label(spec: ModelSpec, options: dict[str, Any] | None = None) -> str:
    """One line per model in the Model control: the maker (when the name does not start with it), the name, what it
    is good at, its price estimate and typical duration with these options: "Google · Imagen 4 · good at photoreal
    detail · ~4 credits · ~25 s"."""
    name = spec.name if not spec.maker or spec.name.startswith(spec.maker) else f"{spec.maker} · {spec.name}"
    parts = [name]
    if spec.good_at:
        parts.append(f"good at {spec.good_at}")
    parts.append(f"~{figures.credits_words(spec.estimate(options))}")
    parts.append(f"~{duration_words(spec.typical_seconds_for(options))}")
    return " · ".join(parts)


def model_control(prefix: str, *, label: str = "Model", models: Sequence[ModelSpec] | None = None) -> ModelSpec:
    """The Model selectbox: the catalogue's models grouped by maker (the default model's first), named as the
    catalogue names them (typing searches them); its help tells the chosen one's maker, what it is good at, its
    price estimate and typical duration with the options chosen for it. Returns the chosen entry.

    The list shows names only: at 400 px a name with its facts would be cut. The facts are in the help, not in a
    caption under the control: a caption there moved Edit's canvas while a stroke was painted at 400 px."""
    if models is None:
        offered = catalog.grouped_models()  # already in this order (kept per catalogue)
    else:
        order = {spec.id: n for n, spec in enumerate(catalog.grouped_models())}
        offered = sorted(models, key=lambda s: order.get(s.id, len(order)))
    ids = [m.id for m in offered]
    key = model_key(prefix)
    state.remember(key, catalog.DEFAULT_MODEL if catalog.DEFAULT_MODEL in ids else ids[0])
    if st.session_state[key] not in ids:  # a model that left the catalogue (or this list)
        st.session_state[key] = ids[0]
    names = {m.id: m.name for m in offered}
    current = catalog.get(st.session_state[key])
    st.selectbox(label, ids, format_func=lambda i: names.get(i, i), key=key,
                 help=f"{model_label(current, _form_options(prefix, current))}. Grouped by maker; type to search. "
                      f"Credits are estimates ({catalog.PRICE_NOTE}).")
    state.save(key)
    return catalog.get(st.session_state[key])


def _label_of(option: OptionSpec, value: Any) -> str:
    return option.value_labels.get(value, str(value))


def _choice(option: OptionSpec, values: tuple, key: str, disabled: bool = False) -> Any:
    """One choice option, in a control whose every value stays visible on a narrow window; returns its value."""
    labels = {v: _label_of(option, v) for v in values}
    fmt = labels.__getitem__  # the widgets call it per value
    if sum(len(x) for x in labels.values()) <= SEGMENTED_CHARS and len(values) <= 4:
        return st.segmented_control(option.label, list(values), format_func=fmt, key=key, required=True,
                                    help=option.help or None, disabled=disabled)
    if len(values) <= RADIO_VALUES:
        return st.radio(option.label, list(values), format_func=fmt, key=key, horizontal=True,
                        help=option.help or None, disabled=disabled)
    return st.selectbox(option.label, list(values), format_func=fmt, key=key, help=option.help or None,
                        disabled=disabled)


def _not_offered(spec: ModelSpec, option: OptionSpec, allowed: tuple, chosen: dict, refs: int) -> str | None:
    """Why some values of an option are not offered with the current choices (from the catalogue's refusal)."""
    hidden = [v for v in option.values if v not in allowed]
    if not hidden:
        return None
    reasons = dict.fromkeys(spec.refusal({**chosen, option.key: v}, refs) or "" for v in hidden)
    names = ", ".join(_label_of(option, v) for v in hidden)
    return f"{option.label}: {names} not offered here. " + " ".join(r for r in reasons if r)


def option_controls(prefix: str, spec: ModelSpec, refs: int = 0, *,
                    fixed: dict[str, Any] | None = None) -> dict[str, Any]:
    """The model's options as widgets, each offering only the values the earlier choices allow; returns them all.

    An option's allowed values depend on the choices above it (later ones count at their defaults), so every
    value stays reachable: choosing an earlier option narrows the later ones, never the other way round. Options
    in `fixed` are chosen elsewhere (Compare's shared aspect ratio): taken as given, not drawn.
    """
    chosen: dict[str, Any] = dict(fixed or {})
    current = current_options(prefix, spec)  # every option's widget key has a value from here on
    notes: list[str] = []
    main = [o for o in spec.options if o.key not in spec.advanced and o.key not in chosen]
    more = [o for o in spec.options if o.key in spec.advanced and o.key not in chosen]
    for option in main:
        _option_control(prefix, spec, option, chosen, current, refs, notes)
    if more:  # options few people need: out of the way (a fixed label, so changing one keeps the expander open)
        with st.expander("More options", expanded=False):
            for option in more:
                _option_control(prefix, spec, option, chosen, current, refs, notes)
    state.save(*(option_key(prefix, spec.id, o.key) for o in main + more))
    for note in notes:
        st.caption(f":material/info: {note}")
    return chosen


def _option_control(prefix: str, spec: ModelSpec, option: OptionSpec, chosen: dict[str, Any], current: dict,
                    refs: int, notes: list[str]) -> None:
    """One option's widget, offering only the values the choices so far allow; its value goes into `chosen`. Its
    key has a value already (`current_options` remembered it: `current` holds it); the caller saves it."""
    key = option_key(prefix, spec.id, option.key)
    allowed = spec.allowed_values(option.key, chosen, refs) or option.values
    if current[option.key] not in allowed:  # an earlier choice ruled it out: take the nearest allowed value
        st.session_state[key] = option.default if option.default in allowed else allowed[0]
    # An option that counts only with another one on (the fallback's model) cannot be chosen without it.
    idle = not option.counts_with(chosen)
    if option.kind == "bool":
        chosen[option.key] = st.toggle(option.label, key=key, help=option.help or None, disabled=idle)
    else:
        chosen[option.key] = _choice(option, allowed, key, disabled=idle)
    if note := _not_offered(spec, option, allowed, chosen, refs):
        notes.append(note)


def refusal_message(spec: ModelSpec, options: dict[str, Any], refs: int) -> str | None:
    """Why the catalogue refuses this combination (for instance too many reference pictures), or None."""
    return spec.refusal(options, refs)


def model_form(prefix: str, *, refs: int = 0, models: Sequence[ModelSpec] | None = None,
               label: str = "Model") -> tuple[str, dict[str, Any]]:
    """The Model control, the model's limits in a line, its options, and why a combination is refused.

    Returns the model id and its options (complete: every option the model takes).
    """
    spec = model_control(prefix, label=label, models=models)
    st.caption(model_facts(spec, refs, current_options(prefix, spec)))
    options = option_controls(prefix, spec, refs)
    if message := refusal_message(spec, options, refs):
        st.warning(message, icon=":material/block:")
    return spec.id, options


def request_problem(request: GenerateRequest, files: Sequence[InputFile] = ()) -> str | None:
    """What is wrong with a request before anything is uploaded or sent (local pictures count as addresses)."""
    sent = [f for f in files if f.role not in ("mask", KEEP_MASK)]
    placeholders = tuple(f"https://upload.invalid/{n}" for n in range(len(sent)))
    mask = request.mask_url or ("https://upload.invalid/mask" if any(f.role == "mask" for f in files) else None)
    try:
        replace(request, files_url=request.files_url + placeholders, mask_url=mask).validated()
    except RequestInvalid as problem:
        return problem.message
    return None


def _ratio(value: Any) -> float | None:
    """"3:2" as 1.5; None for values that are not an aspect ratio."""
    if not isinstance(value, str) or ":" not in value:
        return None
    width, _, height = value.partition(":")
    try:
        return float(width) / float(height)
    except (ValueError, ZeroDivisionError):
        return None


def match_aspect(prefix: str, width: int, height: int) -> None:
    """Preselect, for every model of a form, the aspect ratio nearest to a picture's shape (any option whose
    values are ratios such as "3:2"), so an edit keeps the picture's shape whichever model is chosen."""
    target = math.log(width / height) if width and height else 0.0
    for spec in catalog.image_models():
        for option in spec.options:
            ratios = {v: r for v in option.values if (r := _ratio(v))}
            if len(ratios) >= 2:
                best = min(ratios, key=lambda v: abs(math.log(ratios[v]) - target))
                state.set_value(option_key(prefix, spec.id, option.key), best)

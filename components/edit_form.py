"""The Edit page's form: the source picture, a model that can edit, the mask painted over the picture, the prompt
and the model's options, and Apply edit with its checks (each refusal says what to do next)."""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st
from PIL import Image

from components import model_form, state
from components.edit_source import set_edit_source
from components.mask_canvas import current_mask, mask_canvas, painting_refused
from components.picker import picture_picker
from components.session import SessionContext
from components.text import literal
from components.workspace_actions import submit
from kie import catalog, figures
from kie.catalog import ModelSpec
from kie.composite import KEEP_MASK
from kie.masks import mask_png
from kie.models import GenerateRequest
from kie.workspace import InputFile

FORM = "edit"  # the model form's prefix: edit_model, edit_<model>_<option>
MASK_NOTE = ("{name} takes the painted mask: it changes mostly the painted area, but may also touch pixels "
             "outside it.")
NO_MASK_NOTE = ("{name} takes no mask: the picture and the prompt are sent as an image-to-image edit, and the "
                "model may redraw any part of the picture.")
KEEP_NOTE = ("The result is laid over your picture through the painted mask (with a soft edge), scaled to your "
             "picture's size: everything you did not paint stays exactly as it is.")


@dataclass(frozen=True)
class Painted:
    """The mask as painted so far: the full-size mask the API gets (None before any paint), the share of the picture it
    changes, and its preview."""

    mask: Image.Image | None = None
    share: float = 0.0
    preview: Image.Image | None = None


def source_picker(ctx: SessionContext) -> dict | None:
    """The picture to edit (folded away once chosen); returns it (PickedPicture's fields), or None."""
    source = st.session_state.get("edit_source")
    with st.expander("Picture" if not source else
                     f"Picture: {literal(source['label'], one_line=True)} · "
                     f"{figures.pixels_words((source['width'], source['height']))}",
                     expanded=source is None):
        picture_picker(ctx, "edit_pick", set_edit_source)
    return source


def model_choice() -> tuple[ModelSpec, bool]:
    """A model that can edit (a mask, or a picture to work from), what it does with the picture, and for one
    without a mask whether the unpainted area is kept exactly. Returns the model and that choice."""
    editors = [m for m in catalog.image_models() if m.takes_mask or m.max_refs > 0]
    spec = model_form.model_control(FORM, models=editors)
    keep = False
    if spec.takes_mask:
        st.caption(MASK_NOTE.format(name=spec.name))
    else:
        st.caption(NO_MASK_NOTE.format(name=spec.name))
        keep = st.toggle("Keep the unpainted area exactly", key=state.remember("edit_keep", True),
                         help=KEEP_NOTE)
        st.caption(KEEP_NOTE if keep else "Painting is not needed: the whole picture is sent with the prompt.")
    return spec, keep


def mask_painter(ctx: SessionContext, source: dict | None) -> Painted:
    """The picture to paint on (with an earlier edit's mask tinted on it), and beside it Invert and the mask as
    the API will see it."""
    canvas_column, mask_column = st.columns([3, 1], gap="medium")
    painted = Painted()
    with canvas_column:
        if source is None:
            st.info("Choose a picture to edit: upload one, take one from the history, or paste its URL.",
                    icon=":material/add_photo_alternate:")
        else:
            base_mask = st.session_state.get("edit_base_mask")
            base_path = str(ctx.store.input_path(base_mask)) if base_mask else None
            size = (source["width"], source["height"])
            drawing = mask_canvas(str(ctx.store.input_path(source["name"])), size,
                                  key=f"edit_canvas_{source['name'][:12]}_{st.session_state.get('edit_canvas_rev', 0)}",
                                  base_mask_path=base_path)
            painted = Painted(*current_mask(drawing, size, invert=st.session_state.get("edit_invert", False),
                                            base_mask_path=base_path))
            if base_mask:
                st.caption("The earlier mask of this edit is tinted on the picture; what you paint adds to it.")
                if st.button("Clear the earlier mask", icon=":material/layers_clear:"):
                    st.session_state["edit_base_mask"] = None
                    st.rerun()
    with mask_column:
        st.toggle("Invert mask", key=state.remember("edit_invert", False),
                  help="Paint what to keep instead of what to change")
        if painted.mask is not None and 0 < painted.share:
            with st.container(key="edit-mask-preview"):  # framed: its white would melt into the page
                st.html("<style>.st-key-edit-mask-preview img {border: 1px solid rgba(128, 128, 128, .6);}</style>")
                st.image(painted.preview, caption="The mask as the API sees it: black changes, white stays.",
                         width=240)
            st.markdown(f"**{painted.share:.0%}** of the picture will change.")
        elif source is not None:
            st.caption("Paint on the picture to mark what should change.")
    return painted


def edit_problem(source: dict | None, painted: Painted, *, needs_mask: bool, inverted: bool,
                 prompt: str) -> tuple[str, str | None] | None:
    """Why Apply edit cannot go ahead yet, with its icon, or None: a picture first, then a painted area (not the
    whole picture, unless inverted), then a prompt."""
    if source is None:
        return "Choose a picture to edit first.", ":material/add_photo_alternate:"
    if needs_mask and (refused := painting_refused()):  # too large or too deep to use: Apply sends nothing
        return refused, ":material/block:"
    if needs_mask and (painted.mask is None or painted.share == 0.0):
        return "Paint the area you want to change.", ":material/brush:"
    if needs_mask and painted.share == 1.0 and not inverted:
        return "The whole picture is painted: leave some of it unpainted, or use Generate instead.", None
    if not prompt.strip():
        return ("Say what should appear in the painted area." if needs_mask else "Say how the picture should "
                "change."), ":material/edit:"
    return None


def _files(ctx: SessionContext, source: dict, spec: ModelSpec, painted: Painted, keep: bool) -> list[InputFile]:
    """The source picture, and the mask as the model takes it (sent), or as the result's overlay (kept here)."""
    files = [InputFile("source", ctx.store.input_path(source["name"]).read_bytes())]
    if spec.takes_mask:
        files.append(InputFile("mask", mask_png(painted.mask)))
    elif keep:
        files.append(InputFile(KEEP_MASK, mask_png(painted.mask)))  # kept with the task, applied to its results
    return files


def prompt_and_apply(ctx: SessionContext, source: dict | None, spec: ModelSpec, keep: bool, painted: Painted) -> None:
    """The prompt, the model's options, and Apply edit: checked, then sent."""
    with st.container():
        st.text_area("Prompt", key=state.remember("edit_prompt", ""), height=100,
                     placeholder="Say what to change in the painted area (what to put there, its colour, light)")
        options = model_form.option_controls(FORM, spec, refs=1)
        if refused := model_form.refusal_message(spec, options, 1):
            st.warning(refused, icon=":material/block:")
        state.save("edit_invert", "edit_prompt", "edit_keep")
        needs_mask = spec.takes_mask or keep
        if not st.button("Apply edit", type="primary", icon=":material/brush:"):
            return
        if problem := edit_problem(source, painted, needs_mask=needs_mask, inverted=st.session_state["edit_invert"],
                                   prompt=st.session_state["edit_prompt"]):
            message, icon = problem
            st.error(message, icon=icon)
            return
        request = GenerateRequest.build(spec.id, st.session_state["edit_prompt"], options)
        files = _files(ctx, source, spec, painted, keep)
        if problem := model_form.request_problem(request, files):
            st.error(problem, icon=":material/edit:")
        else:
            submit(request, files)

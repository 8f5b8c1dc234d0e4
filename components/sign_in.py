"""Sign-in on a team server: `st.login` with the company's OpenID Connect provider, `st.user` is the person.

Without an `[auth]` section in the secrets nothing here shows: personal and demo use stay as they are.
"""

from __future__ import annotations

import time

import streamlit as st

from components.text import identity
from kie.team import Person, claim_identity, email_key, is_admin, person_id


def configured() -> bool:
    """Whether the operator set up sign-in (`[auth]` in the secrets, wherever they are kept)."""
    try:
        return "auth" in st.secrets
    except Exception:  # no secrets file at all
        return False


def person(admins: frozenset[str]) -> Person | None:
    """The signed-in person, or None without sign-in (or before it).

    Their id is the provider's `iss|sub` (kie.team.person_id): the one claim that stays the same when a provider
    changes a person's e-mail. The e-mail, in lower case, is for display, STUDIO_ADMINS and the Admin lists."""
    if not configured() or not st.user.is_logged_in:
        return None
    email = email_key(str(st.user.get("email") or ""))
    ident = person_id(str(st.user.get("iss") or ""), str(st.user.get("sub") or ""), email)
    verified = st.user.get("email_verified", True) not in (False, "false")  # only an explicit "no" counts
    return Person(id=ident, name=str(st.user.get("name") or ""), is_admin=verified and is_admin(email, admins),
                  email=email, email_verified=verified)


def require() -> None:
    """Every page asks for sign-in first when it is configured: a short welcome, and the Sign in button."""
    if not configured() or st.user.is_logged_in:
        return
    st.title("4o Image Studio")
    st.markdown("This studio is shared by your team. Sign in with your company account to create images and see "
                "your history.")
    st.button("Sign in", type="primary", icon=":material/login:", on_click=st.login)
    st.stop()


def sidebar(who: Person, used: int, limit: int) -> None:
    """Who is signed in, their use today, and Sign out."""
    extra = [who.email] if who.email and who.label != who.email else []
    extra += ["Admin"] if who.is_admin else []
    st.markdown(f":material/account_circle: **{identity(who.label)}**"
                + "".join(f"  \n:grey[{identity(e)}]" for e in extra))
    if limit:
        st.progress(min(1.0, used / limit), text=f"Today: {used} of {limit} images")
    else:
        st.caption(f"Today: {used} image{'s' if used != 1 else ''}")
    st.button("Sign out", icon=":material/logout:", on_click=st.logout, key="sign_out")


def note_sign_in(store, who: Person) -> None:
    """Once per browser session that signs in: note who the person id is (and give them what was kept under their
    e-mail before one identity per person), and one audit line."""
    if st.session_state.get("_signed_in_as") != who.id:
        st.session_state["_signed_in_as"] = who.id
        now = time.time()
        claim_identity(store, who, now)
        store.audit(who.id, "sign-in", who.email or None, None, now)

//! How the page moves from view to view: the router's navigation — or, where the page's origin
//! is opaque, the History API itself.
//!
//! Firefox gives a page opened from disk (a `parallax build-page` file) the origin `"null"`, and
//! the router resolves every URL against the origin: its navigation fails (typing, facets, keys
//! do nothing) and its link handling gives up, so each click reloads the whole page and
//! re-analyses its corpus. There the page pushes the new URL into the history itself and tells
//! the router with a `popstate`, which it reads without resolving; same-page links are followed
//! the same way.

use std::sync::Arc;

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

use super::Navigate;

fn opaque_origin() -> bool {
    window().location().origin().is_ok_and(|o| o == "null")
}

/// The page's way to show another URL of its own (from inside a `<Router>`).
pub(crate) fn navigator() -> Navigate {
    if !opaque_origin() {
        return Arc::new(use_navigate());
    }
    Arc::new(|href: &str, options: NavigateOptions| push(href, options.replace))
}

/// Shows `href` (a URL of this page) by writing it into the history and telling the router.
fn push(href: &str, replace: bool) {
    let history = window().history().expect("the page has a history");
    let written = if replace {
        history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(href))
    } else {
        history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(href))
    };
    if written.is_ok() {
        if let Ok(event) = web_sys::Event::new("popstate") {
            let _ = window().dispatch_event(&event);
        }
    }
}

/// Where the origin is opaque, follows clicks on links to this page with [`push`], before the
/// router sees them (the listener is on the capture phase); elsewhere does nothing.
pub(crate) fn follow_own_links() {
    if !opaque_origin() {
        return;
    }
    let follow = Closure::<dyn Fn(web_sys::MouseEvent)>::new(|ev: web_sys::MouseEvent| {
        if ev.default_prevented()
            || ev.button() != 0
            || ev.meta_key()
            || ev.alt_key()
            || ev.ctrl_key()
            || ev.shift_key()
        {
            return;
        }
        let Some(link) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|e| e.closest("a[href]").ok().flatten())
            .and_then(|a| a.dyn_into::<web_sys::HtmlAnchorElement>().ok())
        else {
            return;
        };
        if !link.target().is_empty() || link.has_attribute("download") {
            return;
        }
        let Ok(to) = web_sys::Url::new(&link.href()) else {
            return;
        };
        let here = window().location();
        let same_page = here.protocol().is_ok_and(|p| p == to.protocol())
            && here.pathname().is_ok_and(|p| p == to.pathname());
        if same_page {
            ev.prevent_default();
            push(
                &format!("{}{}{}", to.pathname(), to.search(), to.hash()),
                false,
            );
        }
    });
    let _ = window().add_event_listener_with_callback_and_bool(
        "click",
        follow.as_ref().unchecked_ref(),
        true,
    );
    // The page's one listener, for as long as the page lives.
    follow.forget();
}

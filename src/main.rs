//! The page: mounts the Leptos app (built to wasm by Trunk).

fn main() {
    #[cfg(target_arch = "wasm32")]
    {
        console_error_panic_hook::set_once();
        leptos::mount::mount_to_body(parallax::ui::App);
    }
    #[cfg(not(target_arch = "wasm32"))]
    eprintln!(
        "parallax-app is the web page: build it with `trunk build`, or use the `parallax` CLI."
    );
}

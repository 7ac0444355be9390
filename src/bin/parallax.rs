//! The `parallax` command line.

fn main() {
    #[cfg(not(target_arch = "wasm32"))]
    {
        let code = parallax::cli::run(
            std::env::args_os(),
            &mut std::io::stdout().lock(),
            &mut std::io::stderr().lock(),
        );
        std::process::exit(code);
    }
}

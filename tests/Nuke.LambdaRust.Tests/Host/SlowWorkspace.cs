using Nuke.LambdaRust.Tests.Support;

namespace Nuke.LambdaRust.Tests.Host;

/// <summary>
/// A cargo workspace (function <c>slow</c>) whose build can be held mid-compile: rustc sleeps inside a proc macro when
/// SLOW_RUSTC_PID_FILE is set, and the build script waits when SLOW_BUILD_SCRIPT_PID_FILE is set; each writes its pid
/// there first. Without those variables it builds in seconds.
/// </summary>
internal static class SlowWorkspace
{
    public static void WriteTo(TestDirectory project)
    {
        project.Write("Cargo.toml", "[workspace]\nmembers = [\"slow\", \"slowlib\", \"wait\"]\nresolver = \"2\"\n");
        project.Write("wait/Cargo.toml", "[package]\nname = \"wait\"\nversion = \"0.1.0\"\nedition = \"2021\"\n\n[lib]\nproc-macro = true\n");
        project.Write("wait/src/lib.rs", """
            use proc_macro::TokenStream;

            /// Runs inside rustc: with SLOW_RUSTC_PID_FILE set, it writes rustc's pid there and sleeps.
            #[proc_macro]
            pub fn wait(_: TokenStream) -> TokenStream {
                if let Ok(file) = std::env::var("SLOW_RUSTC_PID_FILE") {
                    std::fs::write(file, std::process::id().to_string()).unwrap();
                    std::thread::sleep(std::time::Duration::from_secs(600));
                }
                TokenStream::new()
            }
            """);
        project.Write("slowlib/Cargo.toml", "[package]\nname = \"slowlib\"\nversion = \"0.1.0\"\nedition = \"2021\"\n\n[dependencies]\nwait = { path = \"../wait\" }\n");
        project.Write("slowlib/src/lib.rs", "wait::wait!();\n\npub fn hello() {}\n");
        project.Write("slow/Cargo.toml", "[package]\nname = \"slow\"\nversion = \"0.1.0\"\nedition = \"2021\"\n\n[dependencies]\nslowlib = { path = \"../slowlib\" }\n");
        project.Write("slow/build.rs", """
            // With SLOW_BUILD_SCRIPT_PID_FILE set, writes its pid there, then waits for SLOW_BUILD_GO_FILE to exist (600 s at most).
            fn main() {
                println!("cargo:rerun-if-env-changed=SLOW_BUILD_SCRIPT_PID_FILE");
                if let Ok(file) = std::env::var("SLOW_BUILD_SCRIPT_PID_FILE") {
                    std::fs::write(file, std::process::id().to_string()).unwrap();
                    let go = std::env::var("SLOW_BUILD_GO_FILE").ok();
                    for _ in 0..6000 {
                        if go.as_ref().is_some_and(|go| std::path::Path::new(go).exists()) {
                            break;
                        }
                        std::thread::sleep(std::time::Duration::from_millis(100));
                    }
                }
            }
            """);
        project.Write("slow/src/main.rs", "fn main() {\n    slowlib::hello();\n}\n");
    }
}

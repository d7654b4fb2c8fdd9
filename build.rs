// The conventions dataset and the templates are embedded in the binary with include_dir;
// rebuild when they change.
fn main() {
    println!("cargo:rerun-if-changed=conventions");
    println!("cargo:rerun-if-changed=templates");
}

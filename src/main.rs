fn main() -> std::process::ExitCode {
    charterlint::cli::main()
}

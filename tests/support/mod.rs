pub mod spans;

//! The xorshift generator of the seeded passes: `fuzzing/tests.rs` here and
//! the app crate's `tests/fuzz_input.rs` (which includes this file by path,
//! the fuzzing module being out of its reach), so that a seed replays the
//! same way in both.

pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    /// A number in `0..n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

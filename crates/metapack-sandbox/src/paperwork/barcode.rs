//! Code 39 barcodes, as modules and black runs.

/// The blank modules a barcode needs on each side to be read.
pub(super) const QUIET_MODULES: usize = 10;

/// Code 39 patterns: nine elements (bar, space, bar, ...), `1` for wide.
pub(super) const CODE39: [(char, &str); 44] = [
    ('0', "000110100"),
    ('1', "100100001"),
    ('2', "001100001"),
    ('3', "101100000"),
    ('4', "000110001"),
    ('5', "100110000"),
    ('6', "001110000"),
    ('7', "000100101"),
    ('8', "100100100"),
    ('9', "001100100"),
    ('A', "100001001"),
    ('B', "001001001"),
    ('C', "101001000"),
    ('D', "000011001"),
    ('E', "100011000"),
    ('F', "001011000"),
    ('G', "000001101"),
    ('H', "100001100"),
    ('I', "001001100"),
    ('J', "000011100"),
    ('K', "100000011"),
    ('L', "001000011"),
    ('M', "101000010"),
    ('N', "000010011"),
    ('O', "100010010"),
    ('P', "001010010"),
    ('Q', "000000111"),
    ('R', "100000110"),
    ('S', "001000110"),
    ('T', "000010110"),
    ('U', "110000001"),
    ('V', "011000001"),
    ('W', "111000000"),
    ('X', "010010001"),
    ('Y', "110010000"),
    ('Z', "011010000"),
    ('-', "010000101"),
    ('.', "110000100"),
    (' ', "011000100"),
    ('$', "010101000"),
    ('/', "010100010"),
    ('+', "010001010"),
    ('%', "000101010"),
    ('*', "010010100"),
];

/// `text` as Code 39 modules (`true` is a black module): start `*`, the characters
/// (upper-cased; ones Code 39 lacks become `-`), stop `*`, a narrow space between
/// characters, wide elements three modules wide.
pub(super) fn code39(text: &str) -> Vec<bool> {
    let pattern = |c: char| {
        CODE39
            .iter()
            .find(|(k, _)| *k == c)
            .or_else(|| CODE39.iter().find(|(k, _)| *k == '-'))
            .map_or("000000000", |(_, p)| *p)
    };
    let chars = std::iter::once('*')
        .chain(
            text.chars()
                .map(|c| c.to_ascii_uppercase())
                .map(|c| if c == '*' { '-' } else { c }),
        )
        .chain(std::iter::once('*'));
    let mut modules = Vec::new();
    for (index, c) in chars.enumerate() {
        if index > 0 {
            modules.push(false);
        }
        for (element, wide) in pattern(c).bytes().enumerate() {
            let black = element % 2 == 0;
            let width = if wide == b'1' { 3 } else { 1 };
            modules.extend(std::iter::repeat_n(black, width));
        }
    }
    modules
}

/// The black runs of `modules`: (start, length).
pub(super) fn runs(modules: &[bool]) -> Vec<(usize, usize)> {
    let mut runs = Vec::new();
    let mut start = None;
    for (index, black) in modules.iter().chain(std::iter::once(&false)).enumerate() {
        match (black, start) {
            (true, None) => start = Some(index),
            (false, Some(from)) => {
                runs.push((from, index - from));
                start = None;
            }
            _ => {}
        }
    }
    runs
}

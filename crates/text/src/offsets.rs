/// Converts byte offsets of one text into Unicode code point offsets.
///
/// Built once per document at the serialization boundary. Lookups are
/// O(log n) over a sparse table of the non-ASCII characters, so an ASCII
/// document costs nothing beyond one scan.
#[derive(Debug, Clone)]
pub struct CharOffsets {
    /// (byte offset just after a multi-byte char, extra bytes accumulated so far)
    table: Vec<(usize, usize)>,
    len_bytes: usize,
}

impl CharOffsets {
    pub fn new(text: &str) -> CharOffsets {
        let mut table = Vec::new();
        let mut extra = 0usize;
        if !text.is_ascii() {
            for (i, c) in text.char_indices() {
                let l = c.len_utf8();
                if l > 1 {
                    extra += l - 1;
                    table.push((i + l, extra));
                }
            }
        }
        CharOffsets { table, len_bytes: text.len() }
    }

    /// The code point index of byte offset `byte` (which must be a char
    /// boundary of the text this was built from).
    pub fn char_index(&self, byte: usize) -> usize {
        let byte = byte.min(self.len_bytes);
        let n = self.table.partition_point(|&(end, _)| end <= byte);
        if n == 0 {
            byte
        } else {
            byte - self.table[n - 1].1
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn matches_char_indices(text in "\\PC{0,60}") {
            let map = CharOffsets::new(&text);
            for (ci, (bi, _)) in text.char_indices().enumerate() {
                proptest::prop_assert_eq!(map.char_index(bi), ci);
            }
            proptest::prop_assert_eq!(map.char_index(text.len()), text.chars().count());
        }
    }
}

//! Compact JSON for a [`Record`], written straight into a byte buffer.
//!
//! The extraction writes more JSON than it reads text, and serde's generic
//! serializer was a tenth of a run. This writer produces exactly the bytes
//! `serde_json::to_writer` does for the derived `Serialize` of the record
//! types (same field order, same `skip_serializing_if` rules, same string
//! escapes), checked against it in the tests below, which build every record
//! type field by field so that a new field fails to compile until it is
//! written here too.

use dateline_doc::{Actor, CharOffsets, Doc, EntityId, FactValue, Span};

use crate::{content_id, ActorRecord, CharSpan, EntityRecord, EventRecord, FactRecord, Listed, QuoteRecord, Record, StanceRecord, SCHEMA_VERSION};

/// Bytes that JSON strings escape (serde_json's table): the control
/// characters, `"` and `\`.
#[inline]
fn needs_escape(b: u8) -> bool {
    b < 0x20 || b == b'"' || b == b'\\'
}

/// The high bit of each of the eight bytes of `v` that needs an escape:
/// exact for the lowest such byte (borrows may flag bytes above it).
#[inline]
fn escape_flags(v: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let has_zero = |x: u64| x.wrapping_sub(ONES) & !x & HIGH;
    // bytes below 0x20 (exact for ASCII bytes; bytes >= 0x80 are masked off)
    let control = v.wrapping_sub(ONES * 0x20) & !v & HIGH;
    control | has_zero(v ^ (ONES * b'"' as u64)) | has_zero(v ^ (ONES * b'\\' as u64))
}

/// Whether any of the eight bytes of `v` needs an escape (the tests' oracle
/// for [`escape_flags`]).
#[cfg(test)]
fn word_needs_escape(v: u64) -> bool {
    escape_flags(v) != 0
}

#[inline]
fn word_at(bytes: &[u8], i: usize) -> u64 {
    let w = &bytes[i..i + 8];
    u64::from_le_bytes([w[0], w[1], w[2], w[3], w[4], w[5], w[6], w[7]])
}

/// Whether any byte of `bytes` needs an escape, eight bytes at a time: the
/// last (or only) word of a string of eight bytes or more overlaps the one
/// before it, and a shorter string is read as overlapping halves (or three
/// bytes padded with spaces, which need none).
/// Most strings of a record (ids, kinds, codes, names, sentences) have no
/// byte to escape and are then copied whole.
#[inline]
fn any_escape_words(bytes: &[u8]) -> bool {
    let n = bytes.len();
    if n < 8 {
        // the bytes, some twice, in one word padded with spaces: built from
        // loads, not copied to the stack and read back (a stall)
        let word = match n {
            0 => return false,
            1..=3 => u64::from(bytes[0]) | u64::from(bytes[n / 2]) << 8 | u64::from(bytes[n - 1]) << 16 | 0x2020_2020_2000_0000,
            _ => {
                let head = u32::from_le_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]);
                let tail = u32::from_le_bytes([bytes[n - 4], bytes[n - 3], bytes[n - 2], bytes[n - 1]]);
                u64::from(head) | u64::from(tail) << 32
            }
        };
        return escape_flags(word) != 0;
    }
    let mut i = 0;
    while i + 16 <= n {
        if escape_flags(word_at(bytes, i)) | escape_flags(word_at(bytes, i + 8)) != 0 {
            return true;
        }
        i += 16;
    }
    if i + 8 <= n && escape_flags(word_at(bytes, i)) != 0 {
        return true;
    }
    escape_flags(word_at(bytes, n - 8)) != 0
}

/// Whether any byte of `bytes` needs an escape: strings of sixteen bytes or
/// more are tested sixteen bytes to an SSE2 step (part of every x86-64; the
/// last step overlaps the one before), shorter ones by [`any_escape_words`].
#[cfg(target_arch = "x86_64")]
#[inline]
fn any_escape(bytes: &[u8]) -> bool {
    use std::arch::x86_64::{__m128i, _mm_cmpeq_epi8, _mm_loadu_si128, _mm_max_epu8, _mm_movemask_epi8, _mm_or_si128, _mm_set1_epi8, _mm_setzero_si128};
    let n = bytes.len();
    if n < 16 {
        return any_escape_words(bytes);
    }
    let p = bytes.as_ptr();
    // SAFETY: SSE2 is enabled on every x86-64 target; each unaligned load
    // reads the sixteen bytes at an offset `k` with `k + 16 <= n`, inside `bytes`
    unsafe {
        let quote = _mm_set1_epi8(b'"' as i8);
        let backslash = _mm_set1_epi8(b'\\' as i8);
        let below_space = _mm_set1_epi8(0x1f);
        // the bytes of the sixteen at `k` that need an escape, as 0xff
        let flags = |k: usize| {
            let v = _mm_loadu_si128(p.add(k).cast::<__m128i>());
            // unsigned v <= 0x1f exactly when max(v, 0x1f) == 0x1f
            let control = _mm_cmpeq_epi8(_mm_max_epu8(v, below_space), below_space);
            _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, backslash)), control)
        };
        let mut seen = _mm_setzero_si128();
        let mut k = 0;
        while k + 16 <= n {
            seen = _mm_or_si128(seen, flags(k));
            k += 16;
        }
        seen = _mm_or_si128(seen, flags(n - 16));
        _mm_movemask_epi8(seen) != 0
    }
}

#[cfg(not(target_arch = "x86_64"))]
#[inline]
fn any_escape(bytes: &[u8]) -> bool {
    any_escape_words(bytes)
}

fn string(out: &mut Vec<u8>, s: &str) {
    let bytes = s.as_bytes();
    out.reserve(bytes.len() + 2);
    if !any_escape(bytes) {
        out.push(b'"');
        out.extend_from_slice(bytes);
        out.push(b'"');
        return;
    }
    escaped_string(out, bytes);
}

/// A string with at least one byte to escape: runs between escapes are
/// copied whole, found sixteen and eight bytes at a time.
fn escaped_string(out: &mut Vec<u8>, bytes: &[u8]) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.push(b'"');
    let mut run = 0;
    let mut i = 0;
    while i < bytes.len() {
        // sixteen, then eight bytes at a time while none needs an escape
        if i + 16 <= bytes.len() && escape_flags(word_at(bytes, i)) | escape_flags(word_at(bytes, i + 8)) == 0 {
            i += 16;
            continue;
        }
        if i + 8 <= bytes.len() {
            let flags = escape_flags(word_at(bytes, i));
            if flags == 0 {
                i += 8;
                continue;
            }
            // straight to the first byte that needs one
            i += (flags.trailing_zeros() / 8) as usize;
        }
        let b = bytes[i];
        if !needs_escape(b) {
            i += 1;
            continue;
        }
        out.extend_from_slice(&bytes[run..i]);
        match b {
            b'"' => out.extend_from_slice(b"\\\""),
            b'\\' => out.extend_from_slice(b"\\\\"),
            b'\n' => out.extend_from_slice(b"\\n"),
            b'\r' => out.extend_from_slice(b"\\r"),
            b'\t' => out.extend_from_slice(b"\\t"),
            0x08 => out.extend_from_slice(b"\\b"),
            0x0c => out.extend_from_slice(b"\\f"),
            _ => out.extend_from_slice(&[b'\\', b'u', b'0', b'0', HEX[(b >> 4) as usize], HEX[(b & 15) as usize]]),
        }
        i += 1;
        run = i;
    }
    out.extend_from_slice(&bytes[run..]);
    out.push(b'"');
}

/// Writes `n` in decimal (also the digits of entity refs).
#[inline]
pub(crate) fn number(out: &mut Vec<u8>, n: u64) {
    out.extend_from_slice(itoa::Buffer::new().format(n).as_bytes());
}

/// Writes the decimal digits of `n` to end at `buf[end]` (exclusive) and
/// returns where they start: two digits at a time from a table, as itoa does.
#[inline]
fn digits_before(buf: &mut [u8; SPAN_BYTES], end: usize, mut n: u64) -> usize {
    const PAIRS: &[u8; 200] = b"00010203040506070809101112131415161718192021222324252627282930313233343536373839404142434445464748495051525354555657585960616263646566676869707172737475767778798081828384858687888990919293949596979899";
    let mut at = end;
    while n >= 100 {
        let pair = (n % 100) as usize * 2;
        n /= 100;
        at -= 2;
        buf[at..at + 2].copy_from_slice(&PAIRS[pair..pair + 2]);
    }
    if n >= 10 {
        let pair = n as usize * 2;
        at -= 2;
        buf[at..at + 2].copy_from_slice(&PAIRS[pair..pair + 2]);
    } else {
        at -= 1;
        buf[at] = b'0' + n as u8;
    }
    at
}

/// The longest span written: `[`, two numbers of up to twenty digits, `,`, `]`.
const SPAN_BYTES: usize = 43;

/// Writes `[start,end]`, built on the stack and appended at once (a record
/// writes more spans than anything but strings).
fn span(out: &mut Vec<u8>, s: &CharSpan) {
    let mut buf = [0u8; SPAN_BYTES];
    buf[SPAN_BYTES - 1] = b']';
    let mut at = digits_before(&mut buf, SPAN_BYTES - 1, s[1] as u64);
    at -= 1;
    buf[at] = b',';
    at = digits_before(&mut buf, at, s[0] as u64);
    at -= 1;
    buf[at] = b'[';
    out.extend_from_slice(&buf[at..]);
}

fn opt_string(out: &mut Vec<u8>, s: &Option<String>) {
    match s {
        Some(s) => string(out, s),
        None => out.extend_from_slice(b"null"),
    }
}

fn opt_span(out: &mut Vec<u8>, s: &Option<CharSpan>) {
    match s {
        Some(s) => span(out, s),
        None => out.extend_from_slice(b"null"),
    }
}

fn opt_number(out: &mut Vec<u8>, n: Option<usize>) {
    match n {
        Some(n) => number(out, n as u64),
        None => out.extend_from_slice(b"null"),
    }
}

/// Starts member `$key` (a plain ASCII name) of object `$o`: the key with its
/// quotes and colon is one string built at compile time.
macro_rules! key {
    ($o:expr, $key:literal) => {
        $o.key(concat!("\"", $key, "\":"))
    };
}

/// Writes the members of one JSON object: `"key":value` pairs with commas.
struct Object<'o> {
    out: &'o mut Vec<u8>,
    first: bool,
}

impl<'o> Object<'o> {
    fn new(out: &'o mut Vec<u8>) -> Object<'o> {
        out.push(b'{');
        Object { out, first: true }
    }
    /// Starts a member whose key is written `quoted` (`"name":`, as
    /// [`key!`] spells it) and returns the buffer for its value.
    #[inline]
    fn key(&mut self, quoted: &'static str) -> &mut Vec<u8> {
        if !self.first {
            self.out.push(b',');
        }
        self.first = false;
        self.out.extend_from_slice(quoted.as_bytes());
        self.out
    }
    fn end(self) {
        self.out.push(b'}');
    }
}

fn list<T>(out: &mut Vec<u8>, items: &[T], mut each: impl FnMut(&mut Vec<u8>, &T)) {
    out.push(b'[');
    for (k, item) in items.iter().enumerate() {
        if k > 0 {
            out.push(b',');
        }
        each(out, item);
    }
    out.push(b']');
}

fn entity(out: &mut Vec<u8>, e: &EntityRecord) {
    let mut o = Object::new(out);
    string(key!(o, "id"), &e.id);
    string(key!(o, "name"), &e.name);
    string(key!(o, "type"), &e.kind);
    opt_string(key!(o, "country"), &e.country);
    opt_string(key!(o, "sector"), &e.sector);
    opt_string(key!(o, "role"), &e.role);
    list(key!(o, "mentions"), &e.mentions, span);
    if !e.references.is_empty() {
        list(key!(o, "references"), &e.references, span);
    }
    o.end();
}

fn quote(out: &mut Vec<u8>, q: &QuoteRecord) {
    let mut o = Object::new(out);
    string(key!(o, "kind"), &q.kind);
    span(key!(o, "span"), &q.span);
    string(key!(o, "text"), &q.text);
    opt_string(key!(o, "speaker"), &q.speaker);
    opt_string(key!(o, "speaker_name"), &q.speaker_name);
    opt_span(key!(o, "speaker_span"), &q.speaker_span);
    opt_string(key!(o, "cue"), &q.cue);
    opt_span(key!(o, "cue_span"), &q.cue_span);
    opt_string(key!(o, "addressee"), &q.addressee);
    if let Some(s) = &q.addressee_span {
        span(key!(o, "addressee_span"), s);
    }
    o.end();
}

fn actor(out: &mut Vec<u8>, a: &ActorRecord) {
    let mut o = Object::new(out);
    opt_string(key!(o, "entity"), &a.entity);
    opt_string(key!(o, "country"), &a.country);
    if let Some(s) = &a.sector {
        string(key!(o, "sector"), s);
    }
    o.end();
}

fn event(out: &mut Vec<u8>, e: &EventRecord) {
    let mut o = Object::new(out);
    string(key!(o, "type"), &e.kind);
    opt_string(key!(o, "mode"), &e.mode);
    actor(key!(o, "source"), &e.source);
    actor(key!(o, "target"), &e.target);
    opt_string(key!(o, "date"), &e.date);
    opt_string(key!(o, "place"), &e.place);
    span(key!(o, "span"), &e.span);
    string(key!(o, "text"), &e.text);
    if let Some(s) = &e.trigger_span {
        span(key!(o, "trigger_span"), s);
    }
    string(key!(o, "status"), &e.status);
    if let Some(s) = &e.issue {
        string(key!(o, "issue"), s);
    }
    if let Some(q) = e.quote {
        number(key!(o, "quote"), q as u64);
    }
    o.end();
}

fn stance(out: &mut Vec<u8>, s: &StanceRecord) {
    let mut o = Object::new(out);
    opt_string(key!(o, "holder"), &s.holder);
    opt_string(key!(o, "holder_name"), &s.holder_name);
    string(key!(o, "target"), &s.target);
    string(key!(o, "issue"), &s.issue);
    string(key!(o, "polarity"), &s.polarity);
    span(key!(o, "span"), &s.span);
    string(key!(o, "text"), &s.text);
    if let Some(c) = &s.cue_span {
        span(key!(o, "cue_span"), c);
    }
    opt_number(key!(o, "quote"), s.quote);
    if let Some(k) = s.shift_from {
        number(key!(o, "shift_from"), k as u64);
    }
    o.end();
}

fn fact(out: &mut Vec<u8>, f: &FactRecord) {
    let mut o = Object::new(out);
    string(key!(o, "kind"), &f.kind);
    string(key!(o, "text"), &f.text);
    match &f.value {
        serde_json::Value::String(s) => string(key!(o, "value"), s),
        other => {
            let value = key!(o, "value");
            // writing into a Vec cannot fail
            let _ = serde_json::to_writer(&mut *value, other);
        }
    }
    opt_string(key!(o, "unit"), &f.unit);
    opt_string(key!(o, "qualifier"), &f.qualifier);
    if let Some(s) = &f.of {
        string(key!(o, "of"), s);
    }
    if let Some(h) = &f.holder {
        string(key!(o, "holder"), h);
    }
    span(key!(o, "span"), &f.span);
    o.end();
}

impl Record {
    /// Appends the record's compact JSON to `out`: the bytes
    /// `serde_json::to_writer` writes, faster.
    pub fn write_json(&self, out: &mut Vec<u8>) {
        let mut o = Object::new(out);
        number(key!(o, "schema"), u64::from(self.schema));
        string(key!(o, "id"), &self.id);
        string(key!(o, "source"), &self.source);
        opt_string(key!(o, "date"), &self.date);
        opt_string(key!(o, "dateline"), &self.dateline);
        if let Some(t) = &self.title {
            string(key!(o, "title"), t);
        }
        list(key!(o, "entities"), &self.entities, entity);
        list(key!(o, "quotes"), &self.quotes, quote);
        list(key!(o, "events"), &self.events, event);
        list(key!(o, "stances"), &self.stances, stance);
        list(key!(o, "facts"), &self.facts, fact);
        if !self.warnings.is_empty() {
            list(key!(o, "warnings"), &self.warnings, |out, w| string(out, w));
        }
        o.end();
    }
}

/// Writes `"E<n>"`, the record's reference to listed entity number `n`
/// (0-based), as [`crate::entity_ref`] spells it.
fn entity_ref_json(out: &mut Vec<u8>, n: u32) {
    out.extend_from_slice(b"\"E");
    number(out, u64::from(n) + 1);
    out.push(b'"');
}

/// The reference to entity `id` when the record lists it, or `null`.
fn opt_entity_ref(out: &mut Vec<u8>, listed: &Listed, id: Option<EntityId>) {
    match id.and_then(|id| listed.number(id)) {
        Some(n) => entity_ref_json(out, n),
        None => out.extend_from_slice(b"null"),
    }
}

fn opt_str(out: &mut Vec<u8>, s: Option<&str>) {
    match s {
        Some(s) => string(out, s),
        None => out.extend_from_slice(b"null"),
    }
}

/// What a record of a document holds, written straight from the document:
/// the bytes `Record::from_doc(doc).write_json(out)` appends, without
/// building the record's strings and vectors first (copying every name and
/// span's words, then freeing them, was most of the record step).
impl Record {
    /// Appends the compact JSON of `Record::from_doc(doc)` to `out` and
    /// returns how many entities, quotes, events, stances and facts it holds.
    /// The tests check it against [`Record::from_doc`] and
    /// [`Record::write_json`] byte for byte.
    ///
    /// Every span's code points are checked to map back to its bytes (so
    /// each slices back to the words written beside it, the invariant
    /// [`Record::check_spans`] checks of a built record); the first that
    /// does not is told as the second value (the record is written anyway).
    pub fn write_doc_json(doc: &Doc, out: &mut Vec<u8>) -> (usize, Result<(), String>) {
        let offsets = CharOffsets::new(&doc.text);
        let listed = Listed::new(doc);
        let bad: std::cell::Cell<Option<(Span, CharSpan)>> = std::cell::Cell::new(None);
        let cs = |s: Span| -> CharSpan {
            let c = [offsets.char_index(s.start()), offsets.char_index(s.end())];
            if (offsets.byte_index(c[0]), offsets.byte_index(c[1])) != (s.start(), s.end()) && bad.get().is_none() {
                bad.set(Some((s, c)));
            }
            c
        };
        let name_of = |id: Option<EntityId>| id.map(|e| doc.entity(e).name.as_str());
        let mut records = doc.quotes.len() + doc.events.len() + doc.stances.len() + doc.facts.len();
        let mut o = Object::new(out);
        number(key!(o, "schema"), u64::from(SCHEMA_VERSION));
        match &doc.meta.id {
            Some(id) => string(key!(o, "id"), id),
            None => string(key!(o, "id"), &content_id(&doc.text)),
        }
        string(key!(o, "source"), &doc.meta.source);
        opt_string(key!(o, "date"), &doc.meta.date);
        opt_string(key!(o, "dateline"), &doc.meta.dateline);
        if let Some(t) = &doc.meta.title {
            string(key!(o, "title"), t);
        }

        // entities: the listed ones, in order, names' spans then the others', each sorted once
        let out = key!(o, "entities");
        out.push(b'[');
        let (mut names, mut others): (Vec<CharSpan>, Vec<CharSpan>) = (Vec::new(), Vec::new());
        let mut first = true;
        for e in &doc.entities {
            let Some(n) = listed.number(e.id) else { continue };
            records += 1;
            if !first {
                out.push(b',');
            }
            first = false;
            names.clear();
            others.clear();
            for &m in &e.mentions {
                let m = &doc.mentions[m];
                if m.source.is_name() { names.push(cs(m.span)) } else { others.push(cs(m.span)) }
            }
            names.sort_unstable();
            names.dedup();
            others.sort_unstable();
            others.dedup();
            let mut eo = Object::new(out);
            entity_ref_json(key!(eo, "id"), n);
            string(key!(eo, "name"), &e.name);
            string(key!(eo, "type"), e.kind.as_str());
            opt_string(key!(eo, "country"), &e.country);
            opt_str(key!(eo, "sector"), e.sector.map(|s| s.code()));
            opt_string(key!(eo, "role"), &e.role);
            list(key!(eo, "mentions"), &names, span);
            if !others.is_empty() {
                list(key!(eo, "references"), &others, span);
            }
            eo.end();
        }
        out.push(b']');

        list(key!(o, "quotes"), &doc.quotes, |out, q| {
            let mut qo = Object::new(out);
            string(key!(qo, "kind"), q.kind.as_str());
            span(key!(qo, "span"), &cs(q.span));
            string(key!(qo, "text"), doc.slice(q.span));
            opt_entity_ref(key!(qo, "speaker"), &listed, q.speaker);
            opt_str(key!(qo, "speaker_name"), name_of(q.speaker).or_else(|| q.speaker_span.map(|s| doc.slice(s))));
            opt_span(key!(qo, "speaker_span"), &q.speaker_span.map(cs));
            opt_str(key!(qo, "cue"), q.cue.map(|s| doc.slice(s)));
            opt_span(key!(qo, "cue_span"), &q.cue.map(cs));
            opt_entity_ref(key!(qo, "addressee"), &listed, q.addressee);
            if let Some(s) = q.addressee_span {
                span(key!(qo, "addressee_span"), &cs(s));
            }
            qo.end();
        });

        let actor = |out: &mut Vec<u8>, a: &Actor| {
            let mut ao = Object::new(out);
            opt_entity_ref(key!(ao, "entity"), &listed, a.entity);
            opt_string(key!(ao, "country"), &a.country);
            if let Some(s) = a.sector {
                string(key!(ao, "sector"), s.code());
            }
            ao.end();
        };
        list(key!(o, "events"), &doc.events, |out, e| {
            let mut eo = Object::new(out);
            string(key!(eo, "type"), e.kind.as_str());
            opt_string(key!(eo, "mode"), &e.mode);
            actor(key!(eo, "source"), &e.source);
            actor(key!(eo, "target"), &e.target);
            opt_string(key!(eo, "date"), &e.date);
            opt_string(key!(eo, "place"), &e.place);
            span(key!(eo, "span"), &cs(e.span));
            string(key!(eo, "text"), doc.slice(e.span));
            if let Some(t) = e.trigger {
                span(key!(eo, "trigger_span"), &cs(t));
            }
            string(key!(eo, "status"), e.status.as_str());
            if let Some(s) = &e.issue {
                string(key!(eo, "issue"), s);
            }
            if let Some(q) = e.quote {
                number(key!(eo, "quote"), q as u64);
            }
            eo.end();
        });

        list(key!(o, "stances"), &doc.stances, |out, s| {
            let mut so = Object::new(out);
            opt_entity_ref(key!(so, "holder"), &listed, s.holder);
            opt_str(key!(so, "holder_name"), name_of(s.holder));
            string(key!(so, "target"), &s.target);
            string(key!(so, "issue"), &s.issue_key);
            string(key!(so, "polarity"), s.polarity.as_str());
            span(key!(so, "span"), &cs(s.span));
            string(key!(so, "text"), doc.slice(s.span));
            if let Some(c) = s.cue {
                span(key!(so, "cue_span"), &cs(c));
            }
            opt_number(key!(so, "quote"), s.quote);
            if let Some(k) = s.shift_from {
                number(key!(so, "shift_from"), k as u64);
            }
            so.end();
        });

        list(key!(o, "facts"), &doc.facts, |out, f| {
            let mut fo = Object::new(out);
            string(key!(fo, "kind"), f.kind.as_str());
            string(key!(fo, "text"), doc.slice(f.span));
            match &f.value {
                FactValue::Date(d) => string(key!(fo, "value"), d),
                FactValue::Number(n) => {
                    let value = crate::number_value(*n);
                    // writing into a Vec cannot fail
                    let _ = serde_json::to_writer(&mut *key!(fo, "value"), &value);
                }
            }
            opt_string(key!(fo, "unit"), &f.unit);
            opt_string(key!(fo, "qualifier"), &f.qualifier);
            if let Some(s) = &f.of {
                string(key!(fo, "of"), s);
            }
            if let Some(n) = f.holder.and_then(|h| listed.number(h)) {
                entity_ref_json(key!(fo, "holder"), n);
            }
            span(key!(fo, "span"), &cs(f.span));
            fo.end();
        });

        if !doc.warnings.is_empty() {
            list(key!(o, "warnings"), &doc.warnings, |out, w| string(out, w));
        }
        o.end();
        let checked = match bad.get() {
            None => Ok(()),
            Some((s, [a, b])) => Err(format!("span [{a}, {b}) does not map back to bytes [{}, {})", s.start(), s.end())),
        };
        (records, checked)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn same_as_serde(r: &Record) {
        let mut fast = Vec::new();
        r.write_json(&mut fast);
        let slow = serde_json::to_vec(r).expect("serialises");
        assert_eq!(String::from_utf8_lossy(&fast), String::from_utf8_lossy(&slow));
    }

    fn actor(full: bool) -> ActorRecord {
        ActorRecord {
            entity: full.then(|| "E1".into()),
            country: full.then(|| "UKR".into()),
            sector: full.then(|| "GOV".into()),
        }
    }

    fn record(full: bool, text: &str) -> Record {
        let some = |s: &str| full.then(|| s.to_string());
        let value = if full { serde_json::json!(1.5e20) } else { serde_json::json!("2026-03-04") };
        Record {
            schema: 1,
            id: text.into(),
            source: format!("{text}.txt"),
            date: some("2026-03-04"),
            dateline: some(text),
            title: some(text),
            entities: vec![EntityRecord {
                id: "E1".into(),
                name: text.into(),
                kind: "PERSON".into(),
                country: some("UKR"),
                sector: some("GOV"),
                role: some(text),
                mentions: if full { vec![[0, 4], [10, 1234567]] } else { vec![] },
                references: if full { vec![[5, 6]] } else { vec![] },
            }],
            quotes: vec![QuoteRecord {
                kind: "direct".into(),
                span: [0, 3],
                text: text.into(),
                speaker: some("E1"),
                speaker_name: some(text),
                speaker_span: full.then_some([1, 2]),
                cue: some("said"),
                cue_span: full.then_some([3, 4]),
                addressee: some("E2"),
                addressee_span: full.then_some([5, 6]),
            }],
            events: vec![EventRecord {
                kind: "ACCUSE".into(),
                mode: some("allege"),
                source: actor(full),
                target: actor(!full),
                date: some("2026"),
                place: some(text),
                span: [7, 8],
                text: text.into(),
                trigger_span: full.then_some([7, 8]),
                status: "asserted".into(),
                issue: some(text),
                quote: full.then_some(0),
            }],
            stances: vec![StanceRecord {
                holder: some("E1"),
                holder_name: some(text),
                target: text.into(),
                issue: "member nato ukr".into(),
                polarity: "for".into(),
                span: [0, 9],
                text: text.into(),
                cue_span: full.then_some([2, 3]),
                quote: full.then_some(0),
                shift_from: full.then_some(0),
            }],
            facts: vec![
                FactRecord {
                    kind: "money".into(),
                    text: text.into(),
                    value,
                    unit: some("USD"),
                    qualifier: some("about"),
                    of: some(text),
                    holder: some("E1"),
                    span: [0, 2],
                },
                FactRecord {
                    kind: "count".into(),
                    text: text.into(),
                    value: serde_json::json!(-42),
                    unit: None,
                    qualifier: None,
                    of: None,
                    holder: None,
                    span: [0, 2],
                },
            ],
            warnings: if full { vec![text.into(), "second".into()] } else { vec![] },
        }
    }

    #[test]
    fn writes_what_serde_writes() {
        let texts = [
            "",
            "plain words of some length, longer than eight bytes",
            "quote \" backslash \\ tab\t newline\n cr\r bell\u{7} nul\0 esc\u{1b} del\u{7f} form\u{c} back\u{8}",
            "Ünal said “no” — 北京 😀 in 0.5 s",
            "\"\"\"\"\"\"\"\"\\\\\\\\\\\\\\\\12345678\n",
        ];
        for text in texts {
            same_as_serde(&record(true, text));
            same_as_serde(&record(false, text));
        }
        for value in [serde_json::json!(0.1), serde_json::json!(3), serde_json::json!(12345678901234u64), serde_json::json!(null), serde_json::json!([1, "a"])] {
            let mut r = record(true, "x");
            r.facts[0].value = value;
            same_as_serde(&r);
        }
    }

    /// Spans against the plain definition: `[`, the numbers in decimal, `,`, `]`.
    #[test]
    fn spans_are_written_as_serde_writes_them() {
        let mut values: Vec<usize> = (0..=1200).collect();
        for p in 1..20u32 {
            let t = 10usize.pow(p);
            values.extend([t - 1, t, t + 1, t + 99, 3 * t + 7]);
        }
        values.push(usize::MAX);
        for (k, &a) in values.iter().enumerate() {
            for &b in [values[k], values[(k * 7 + 3) % values.len()], 0, usize::MAX].iter() {
                let mut fast = Vec::new();
                span(&mut fast, &[a, b]);
                assert_eq!(fast, serde_json::to_vec(&[a, b]).expect("serialises"), "[{a}, {b}]");
            }
        }
    }

    /// The word-wise test against its plain definition, for every length up
    /// to forty and every position of one byte to escape (and none).
    #[test]
    fn any_escape_is_a_byte_scan() {
        let specials = [b'"', b'\\', b'\n', 0, 0x1f, 0x20, 0x7f, 0x80, 0xe2, 0xff];
        for n in 0..=70 {
            let plain = vec![b'a'; n];
            assert!(!any_escape(&plain) && !any_escape_words(&plain), "{n}");
            for pos in 0..n {
                for &b in &specials {
                    let mut bytes = plain.clone();
                    bytes[pos] = b;
                    let plain = bytes.iter().any(|&b| needs_escape(b));
                    assert_eq!(any_escape(&bytes), plain, "{bytes:?}");
                    assert_eq!(any_escape_words(&bytes), plain, "{bytes:?}");
                }
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn strings_are_written_as_serde_writes_them(s in "(\\PC|[\"\\\\\n\t\u{0}-\u{1f}]){0,60}") {
            let mut fast = Vec::new();
            string(&mut fast, &s);
            proptest::prop_assert_eq!(fast, serde_json::to_vec(&s).expect("serialises"));
        }
    }

    #[test]
    fn lowest_escape_flag_is_the_first_byte_to_escape() {
        let specials = [b'"', b'\\', b'\n', 0, 0x1f, b'a', 0x20, 0x7f, 0x80, 0xe2, 0xff];
        for &x in &specials {
            for &y in &specials {
                for px in 0..8 {
                    for py in 0..8 {
                        let mut word = [b'a'; 8];
                        word[px] = x;
                        word[py] = y;
                        let first = word.iter().position(|&b| needs_escape(b));
                        let flags = escape_flags(u64::from_le_bytes(word));
                        assert_eq!((flags != 0).then(|| (flags.trailing_zeros() / 8) as usize), first, "{word:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn escape_test_is_exact_for_every_byte() {
        for b in 0..=255u8 {
            for pos in 0..8 {
                let mut word = [b'a'; 8];
                word[pos] = b;
                assert_eq!(word_needs_escape(u64::from_le_bytes(word)), needs_escape(b), "byte {b} at {pos}");
                word = [0xe2; 8];
                word[pos] = b;
                assert_eq!(word_needs_escape(u64::from_le_bytes(word)), needs_escape(b), "byte {b} at {pos} among high bytes");
            }
        }
    }
}

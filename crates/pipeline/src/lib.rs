//! A pipeline of named components over a [`Doc`].
//!
//! Each component declares which layers it reads and which it writes. The
//! [`Pipeline`] checks, when it is built, that every layer a component reads
//! is written by an earlier component (or by the reader), so a mis-ordered
//! pipeline is an error at start-up, not a silent loss of records.
//!
//! Components must not panic on any input. Should one still do (a bug),
//! [`Pipeline::run_isolated`] turns the panic into a [`ComponentFailed`]
//! naming the component, so a batch reports and skips that one document
//! and goes on with the rest.

use std::time::{Duration, Instant};

use dateline_doc::Doc;
use thiserror::Error;

/// The layers of a [`Doc`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Layer {
    /// The text and its metadata: written by readers.
    Text,
    Paragraphs,
    Sentences,
    Tokens,
    Mentions,
    Entities,
    Quotes,
    Facts,
    Events,
    Stances,
}

/// One step of the analysis.
pub trait Component: Send + Sync {
    /// A short, stable name ("segment", "quotes").
    fn name(&self) -> &'static str;
    fn reads(&self) -> &'static [Layer];
    fn writes(&self) -> &'static [Layer];
    /// Adds this component's layers to the document. Must not panic on any
    /// input; problems that do not stop the analysis go to `doc.warnings`.
    fn run(&self, doc: &mut Doc);
}

#[derive(Debug, Error, PartialEq, Eq)]
pub enum PipelineError {
    #[error("component `{component}` reads {layer:?}, which no earlier component writes")]
    MissingInput { component: &'static str, layer: Layer },
    #[error("two components are named `{0}`")]
    DuplicateName(&'static str),
}

/// A component panicked on a document (a bug in dateline, not in the input):
/// which one, and what it said.
#[derive(Debug, Error, PartialEq, Eq)]
#[error("internal error in the `{component}` step: {message}")]
pub struct ComponentFailed {
    pub component: &'static str,
    pub message: String,
}

/// Runs `work`, turning a panic into a [`ComponentFailed`] that names `step`.
/// The caller must treat whatever `work` was changing as spoilt.
pub fn isolate<T>(step: &'static str, work: impl FnOnce() -> T) -> Result<T, ComponentFailed> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(work)).map_err(|payload| {
        let message = payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "panic without a message".to_string());
        ComponentFailed { component: step, message }
    })
}

/// Components in the order they run.
pub struct Pipeline {
    components: Vec<Box<dyn Component>>,
}

impl Pipeline {
    /// Checks the order: every layer read must have been written before.
    pub fn new(components: Vec<Box<dyn Component>>) -> Result<Pipeline, PipelineError> {
        let mut written = vec![Layer::Text];
        let mut names = Vec::new();
        for c in &components {
            if names.contains(&c.name()) {
                return Err(PipelineError::DuplicateName(c.name()));
            }
            names.push(c.name());
            if let Some(&layer) = c.reads().iter().find(|l| !written.contains(l)) {
                return Err(PipelineError::MissingInput { component: c.name(), layer });
            }
            written.extend_from_slice(c.writes());
        }
        Ok(Pipeline { components })
    }

    pub fn names(&self) -> Vec<&'static str> {
        self.components.iter().map(|c| c.name()).collect()
    }

    pub fn run(&self, doc: &mut Doc) {
        for c in &self.components {
            c.run(doc);
        }
    }

    /// Runs like [`Pipeline::run`], but a component that panics stops the
    /// run with an error naming it; the document is then half-analysed and
    /// must be skipped, not written.
    pub fn run_isolated(&self, doc: &mut Doc) -> Result<(), ComponentFailed> {
        for c in &self.components {
            isolate(c.name(), || c.run(doc))?;
        }
        Ok(())
    }

    pub fn len(&self) -> usize {
        self.components.len()
    }

    pub fn is_empty(&self) -> bool {
        self.components.is_empty()
    }

    /// Runs like [`Pipeline::run`] and adds each component's time to
    /// `spent[i]` (in the order of [`Pipeline::names`]), measured with
    /// [`cpu_time`]; `spent` shorter than the pipeline leaves the rest untimed.
    pub fn run_profiled(&self, doc: &mut Doc, spent: &mut [Duration]) {
        let mut before = cpu_time();
        for (i, c) in self.components.iter().enumerate() {
            c.run(doc);
            let after = cpu_time();
            if let Some(slot) = spent.get_mut(i) {
                *slot += after.saturating_sub(before);
            }
            before = after;
        }
    }
}

/// CPU time the calling thread has used, where the system can tell
/// (`CLOCK_THREAD_CPUTIME_ID`); otherwise wall time since first use. Why
/// CPU time: on a loaded machine wall time counts other processes' turns.
pub fn cpu_time() -> Duration {
    #[cfg(unix)]
    {
        let mut ts = libc::timespec { tv_sec: 0, tv_nsec: 0 };
        // SAFETY: `ts` is a valid, writable timespec for the call's duration.
        if unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) } == 0 {
            return Duration::new(ts.tv_sec as u64, ts.tv_nsec as u32);
        }
    }
    static START: std::sync::OnceLock<Instant> = std::sync::OnceLock::new();
    START.get_or_init(Instant::now).elapsed()
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Fake(&'static str, &'static [Layer], &'static [Layer]);
    impl Component for Fake {
        fn name(&self) -> &'static str {
            self.0
        }
        fn reads(&self) -> &'static [Layer] {
            self.1
        }
        fn writes(&self) -> &'static [Layer] {
            self.2
        }
        fn run(&self, doc: &mut Doc) {
            doc.warnings.push(self.0.to_string());
        }
    }

    #[test]
    fn order_is_checked() {
        let bad = Pipeline::new(vec![Box::new(Fake("quotes", &[Layer::Sentences], &[Layer::Quotes]))]);
        assert_eq!(
            bad.err(),
            Some(PipelineError::MissingInput { component: "quotes", layer: Layer::Sentences })
        );
        let good = Pipeline::new(vec![
            Box::new(Fake("segment", &[Layer::Text], &[Layer::Sentences])),
            Box::new(Fake("quotes", &[Layer::Sentences], &[Layer::Quotes])),
        ])
        .unwrap();
        let mut doc = Doc::default();
        good.run(&mut doc);
        assert_eq!(doc.warnings, vec!["segment", "quotes"]);
        let mut spent = [Duration::ZERO; 2];
        good.run_profiled(&mut doc, &mut spent);
        assert_eq!(doc.warnings, vec!["segment", "quotes", "segment", "quotes"]);
        assert_eq!(good.len(), 2);
        let a = cpu_time();
        let spin: u64 = (0..200_000u64).map(std::hint::black_box).sum();
        assert!(spin > 0 && cpu_time() >= a);
    }

    struct Fragile;
    impl Component for Fragile {
        fn name(&self) -> &'static str {
            "fragile"
        }
        fn reads(&self) -> &'static [Layer] {
            &[]
        }
        fn writes(&self) -> &'static [Layer] {
            &[]
        }
        fn run(&self, doc: &mut Doc) {
            assert!(!doc.text.contains("boom"), "cannot read {:?}", doc.text);
            doc.warnings.push("read".into());
        }
    }

    /// A panicking component fails its document with an error that names
    /// it, and the pipeline goes on with the next document.
    #[test]
    fn a_panic_fails_one_document_only() {
        let p = Pipeline::new(vec![Box::new(Fake("segment", &[], &[])), Box::new(Fragile)]).unwrap();
        let mut bad = Doc { text: "boom".into(), ..Doc::default() };
        let err = p.run_isolated(&mut bad).unwrap_err();
        assert_eq!(err.component, "fragile");
        assert!(err.message.contains("cannot read \"boom\""), "{err}");
        assert!(err.to_string().starts_with("internal error in the `fragile` step"), "{err}");
        let mut good = Doc { text: "calm".into(), ..Doc::default() };
        assert_eq!(p.run_isolated(&mut good), Ok(()));
        assert_eq!(good.warnings, vec!["segment", "read"]);
        assert_eq!(isolate("plain", || 7), Ok(7));
        let e = isolate("static", || -> () { panic!("fixed message") }).unwrap_err();
        assert_eq!(e.message, "fixed message");
    }

    #[test]
    fn duplicate_names_are_rejected() {
        let dup = Pipeline::new(vec![
            Box::new(Fake("a", &[], &[])),
            Box::new(Fake("a", &[], &[])),
        ]);
        assert_eq!(dup.err(), Some(PipelineError::DuplicateName("a")));
    }
}

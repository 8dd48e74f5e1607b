//! Lexicons the project writes itself from facts: countries, organisations,
//! titles and offices, reporting verbs. The data files live in `data/` at the
//! repository root and are compiled into the binary with `include_str!`.

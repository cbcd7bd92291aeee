//! Reads YAML and JSON text into the [`Value`] tree, keeping custom tags and positions.
//!
//! YAML crate choice: `saphyr-parser` (the event parser of the saphyr project, the maintained
//! successor of yaml-rust and yaml-rust2's authors). It is YAML 1.2, keeps local tags such as
//! `!Ref` and `!GetAtt` on every node, and gives each event a span with line and column, which
//! is exactly what a CloudFormation reader needs; its only dependencies are `arraydeque` and
//! `thiserror`. `serde_yaml` is archived, `serde_yaml_ng` and `serde-saphyr` go through serde
//! and lose either the tags or the positions, and `yaml-rust2` is the older line of the same
//! authors. JSON is YAML 1.2 too, so one reader builds the tree for both; JSON files are first
//! checked with `serde_json`, whose syntax errors read better for JSON than YAML's.
//!
//! Never panics: nesting depth and alias expansion are capped, so hostile input ends in an
//! error rather than a stack overflow or a memory blow-up.

use std::collections::HashMap;

use saphyr_parser::{Event, Parser, ScalarStyle, Span, Tag};

use super::value::{Data, Entry, Pos, Value};

/// Deepest nesting of mappings and sequences accepted.
pub const MAX_DEPTH: usize = 128;

/// Most values that aliases (`*name`) may copy in one file.
const MAX_ALIAS_VALUES: usize = 100_000;

/// Text that is not well-formed YAML or JSON.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyntaxError {
    /// Where the problem is.
    pub pos: Pos,
    /// What is wrong.
    pub message: String,
}

fn pos_of(span: &Span) -> Pos {
    Pos {
        line: span.start.line().max(1),
        column: span.start.col() + 1,
    }
}

/// The text looks like JSON (its first character opens an object or an array).
pub fn looks_like_json(text: &str) -> bool {
    text.trim_start_matches('\u{feff}')
        .trim_start()
        .starts_with(['{', '['])
}

/// Parses YAML or JSON text into a tree. An empty document gives a null scalar.
pub fn parse(text: &str) -> Result<Value, SyntaxError> {
    if looks_like_json(text) {
        check_json(text.trim_start_matches('\u{feff}'))?;
    }
    Builder::default().run(text)
}

fn check_json(text: &str) -> Result<(), SyntaxError> {
    // `IgnoredAny` checks the syntax without building anything; its recursion limit (128)
    // keeps deep nesting from overflowing the stack.
    match serde_json::from_str::<serde::de::IgnoredAny>(text) {
        Ok(_) => Ok(()),
        Err(err) => {
            let message = err.to_string();
            let message = message
                .rsplit_once(" at line ")
                .map_or(message.as_str(), |(m, _)| m)
                .to_owned();
            Err(SyntaxError {
                pos: Pos {
                    line: err.line().max(1),
                    column: err.column().max(1),
                },
                message: format!("not valid JSON: {message}"),
            })
        }
    }
}

enum Frame {
    Seq {
        pos: Pos,
        tag: Option<String>,
        anchor: usize,
        items: Vec<Value>,
    },
    Map {
        pos: Pos,
        tag: Option<String>,
        anchor: usize,
        entries: Vec<Entry>,
        key: Option<(String, Pos)>,
    },
}

#[derive(Default)]
struct Builder {
    stack: Vec<Frame>,
    anchors: HashMap<usize, Value>,
    alias_budget: usize,
    root: Option<Value>,
}

fn tag_text(tag: Option<&Tag>) -> Option<String> {
    let tag = tag?;
    if tag.is_yaml_core_schema() {
        // `!!str 10` is still text; the core types need no tag in the tree.
        return None;
    }
    if tag.handle == "!" {
        Some(tag.suffix.clone())
    } else {
        Some(format!("{}{}", tag.handle, tag.suffix))
    }
}

fn count_values(value: &Value) -> usize {
    1 + match &value.data {
        Data::Scalar { .. } => 0,
        Data::Seq(items) => items.iter().map(count_values).sum(),
        Data::Map(entries) => entries.iter().map(|e| count_values(&e.value)).sum(),
    }
}

impl Builder {
    fn run(mut self, text: &str) -> Result<Value, SyntaxError> {
        let mut documents = 0usize;
        for event in Parser::new_from_str(text) {
            let (event, span) = event.map_err(|err| SyntaxError {
                pos: Pos {
                    line: err.marker().line().max(1),
                    column: err.marker().col() + 1,
                },
                message: format!("not valid YAML: {}", err.info()),
            })?;
            let pos = pos_of(&span);
            match event {
                Event::DocumentStart(_) => {
                    documents += 1;
                    if documents > 1 {
                        return Err(SyntaxError {
                            pos,
                            message: "the file holds several YAML documents (`---`); a template is one document, so split it into one file per template".to_owned(),
                        });
                    }
                }
                Event::Scalar(text, style, anchor, tag) => {
                    let value = Value {
                        pos,
                        tag: tag_text(tag.as_deref()),
                        data: Data::Scalar {
                            text: text.into_owned(),
                            plain: style == ScalarStyle::Plain,
                        },
                    };
                    self.anchor(anchor, &value);
                    self.finish(value)?;
                }
                Event::SequenceStart(anchor, tag) => {
                    self.open(
                        Frame::Seq {
                            pos,
                            tag: tag_text(tag.as_deref()),
                            anchor,
                            items: Vec::new(),
                        },
                        pos,
                    )?;
                }
                Event::MappingStart(anchor, tag) => {
                    self.open(
                        Frame::Map {
                            pos,
                            tag: tag_text(tag.as_deref()),
                            anchor,
                            entries: Vec::new(),
                            key: None,
                        },
                        pos,
                    )?;
                }
                Event::SequenceEnd | Event::MappingEnd => {
                    let Some(frame) = self.stack.pop() else {
                        continue;
                    };
                    let (value, anchor) = match frame {
                        Frame::Seq {
                            pos,
                            tag,
                            anchor,
                            items,
                        } => (
                            Value {
                                pos,
                                tag,
                                data: Data::Seq(items),
                            },
                            anchor,
                        ),
                        Frame::Map {
                            pos,
                            tag,
                            anchor,
                            entries,
                            ..
                        } => (
                            Value {
                                pos,
                                tag,
                                data: Data::Map(entries),
                            },
                            anchor,
                        ),
                    };
                    self.anchor(anchor, &value);
                    self.finish(value)?;
                }
                Event::Alias(id) => {
                    let Some(value) = self.anchors.get(&id).cloned() else {
                        return Err(SyntaxError {
                            pos,
                            message: "not valid YAML: an alias refers to an anchor that is not defined before it".to_owned(),
                        });
                    };
                    self.alias_budget += count_values(&value);
                    if self.alias_budget > MAX_ALIAS_VALUES {
                        return Err(SyntaxError {
                            pos,
                            message: format!(
                                "aliases (`*name`) expand to more than {MAX_ALIAS_VALUES} values; a template needs far fewer"
                            ),
                        });
                    }
                    self.finish(Value { pos, ..value })?;
                }
                Event::StreamStart | Event::StreamEnd | Event::DocumentEnd | Event::Nothing => {}
            }
        }
        Ok(self
            .root
            .unwrap_or_else(|| Value::scalar("", Pos { line: 1, column: 1 })))
    }

    fn open(&mut self, frame: Frame, pos: Pos) -> Result<(), SyntaxError> {
        if self.stack.len() >= MAX_DEPTH {
            return Err(SyntaxError {
                pos,
                message: format!(
                    "values are nested more than {MAX_DEPTH} levels deep; a template is far flatter"
                ),
            });
        }
        self.stack.push(frame);
        Ok(())
    }

    fn anchor(&mut self, anchor: usize, value: &Value) {
        if anchor > 0 {
            self.anchors.insert(anchor, value.clone());
        }
    }

    fn finish(&mut self, value: Value) -> Result<(), SyntaxError> {
        match self.stack.last_mut() {
            None => {
                self.root.get_or_insert(value);
            }
            Some(Frame::Seq { items, .. }) => items.push(value),
            Some(Frame::Map { entries, key, .. }) => match key.take() {
                None => match &value.data {
                    Data::Scalar { text, .. } => *key = Some((text.clone(), value.pos)),
                    _ => {
                        return Err(SyntaxError {
                            pos: value.pos,
                            message: format!(
                                "a mapping key is {}; template keys are plain names",
                                value.describe()
                            ),
                        });
                    }
                },
                Some((key, key_pos)) => entries.push(Entry {
                    key,
                    key_pos,
                    value,
                }),
            },
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_short_form_tags_and_positions() {
        let v = parse("Resources:\n  Bucket:\n    Name: !Ref Param\n    List: !GetAZs ''\n")
            .expect("valid");
        let name = v.path(&["Resources", "Bucket", "Name"]).expect("name");
        assert_eq!(name.tag.as_deref(), Some("Ref"));
        assert_eq!(
            name.pos,
            Pos {
                line: 3,
                column: 11
            }
        );
        let entry = v
            .get("Resources")
            .and_then(|r| r.entry("Bucket"))
            .expect("entry");
        assert_eq!(entry.key_pos, Pos { line: 2, column: 3 });
    }

    #[test]
    fn json_errors_point_at_the_place() {
        let err = parse("{\n  \"a\": 1,\n  \"b\" 2\n}").expect_err("bad json");
        assert_eq!(err.pos.line, 3);
        assert!(err.message.starts_with("not valid JSON"), "{}", err.message);
    }

    #[test]
    fn yaml_errors_point_at_the_place() {
        let err = parse("a: [1, 2\nb: c\n").expect_err("bad yaml");
        assert!(err.message.starts_with("not valid YAML"), "{}", err.message);
        assert!(err.pos.line >= 1);
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        let text = "[".repeat(10_000);
        assert!(parse(&text).is_err());
        let yaml = format!("a: {}", "[".repeat(10_000));
        assert!(parse(&yaml).is_err());
    }

    #[test]
    fn alias_bombs_are_refused() {
        let mut text = String::from("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 0..8 {
            let prev = if i == 0 {
                "a".to_owned()
            } else {
                format!("a{}", i - 1)
            };
            text.push_str(&format!(
                "a{i}: &a{i} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n"
            ));
        }
        assert!(parse(&text).is_err());
    }
}

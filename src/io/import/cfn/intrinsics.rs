//! CloudFormation intrinsic functions, long form (`Fn::GetAtt`) and short form (`!GetAtt`),
//! resolved as far as a template alone allows: literals, parameter defaults, mappings,
//! conditions on those, `Fn::Sub`, `Fn::Join`, `Fn::Select` over `Fn::GetAZs` (which gives the
//! zone's index, never a guessed name), `Fn::Cidr`, and references to resources, which stay
//! references so the mappers can draw links. `Fn::ImportValue` is looked up in the exports of
//! the other templates of the set.

use std::collections::HashMap;

use super::super::draft::Az;
use super::super::value::{Data, Pos, Value};

/// A resolved value.
#[derive(Clone, Debug, PartialEq)]
pub enum R {
    /// Known text (numbers and booleans as written).
    Text(String),
    /// A resource, by key (`Ref`, or `Fn::GetAtt` with the attribute).
    Res(String, Option<String>),
    /// `Fn::GetAZs`: the Region's zones, in order.
    Zones,
    /// One zone of `Fn::GetAZs`.
    Zone(Az),
    /// A list.
    List(Vec<R>),
    /// A mapping (literal properties inside an intrinsic's result).
    Map(Vec<(String, R)>),
    /// `AWS::NoValue`: the property is left out.
    NoValue,
    /// Known only when deployed; `refs` are resources it mentions.
    Unknown(Vec<String>),
}

impl R {
    /// Resource keys this value mentions, in order, without repeats.
    pub fn refs(&self) -> Vec<String> {
        let mut out = Vec::new();
        self.collect_refs(&mut out);
        out
    }

    fn collect_refs(&self, out: &mut Vec<String>) {
        match self {
            R::Res(key, _) => {
                if !out.contains(key) {
                    out.push(key.clone());
                }
            }
            R::Unknown(keys) => {
                for key in keys {
                    if !out.contains(key) {
                        out.push(key.clone());
                    }
                }
            }
            R::List(items) => items.iter().for_each(|i| i.collect_refs(out)),
            R::Map(entries) => entries.iter().for_each(|(_, v)| v.collect_refs(out)),
            R::Text(_) | R::Zones | R::Zone(_) | R::NoValue => {}
        }
    }

    /// The text, when known.
    pub fn text(&self) -> Option<&str> {
        match self {
            R::Text(t) => Some(t),
            _ => None,
        }
    }
}

/// What the resolver needs from the template set.
pub struct Scope<'a> {
    /// Key prefix of this template's resources.
    pub prefix: String,
    /// Logical ids of this template's resources.
    pub resources: &'a HashMap<String, &'a Value>,
    /// Parameters by name.
    pub parameters: HashMap<String, &'a Value>,
    /// The `Mappings` section.
    pub mappings: Option<&'a Value>,
    /// The `Conditions` section.
    pub conditions: Option<&'a Value>,
    /// Exports of every template of the set: name → value.
    pub exports: &'a HashMap<String, R>,
    /// Stack name used for `AWS::StackName` (the file's stem).
    pub stack_name: String,
    /// Properties of this template's resources, for attributes the template fixes
    /// (`VPC.CidrBlock`).
    pub properties: &'a HashMap<String, &'a Value>,
}

/// Resolves intrinsic functions; warnings are collected with their position.
pub struct Resolver<'a> {
    /// The template set.
    pub scope: Scope<'a>,
    /// Problems found (position, message).
    pub warnings: Vec<(Pos, String)>,
    depth: usize,
}

const MAX_DEPTH: usize = 64;

impl<'a> Resolver<'a> {
    /// A resolver over `scope`.
    pub fn new(scope: Scope<'a>) -> Self {
        Self {
            scope,
            warnings: Vec::new(),
            depth: 0,
        }
    }

    fn warn(&mut self, pos: Pos, message: String) {
        if !self
            .warnings
            .iter()
            .any(|(p, m)| *p == pos && *m == message)
        {
            self.warnings.push((pos, message));
        }
    }

    /// The function a value calls, if any: `(name, argument)`.
    fn function<'v>(value: &'v Value) -> Option<(String, FnArg<'v>)> {
        if let Some(tag) = &value.tag {
            let name = if tag == "Ref" || tag == "Condition" {
                tag.clone()
            } else {
                format!("Fn::{tag}")
            };
            return Some((name, FnArg::Tagged(value)));
        }
        let entries = value.entries()?;
        if let [entry] = entries
            && (entry.key == "Ref" || entry.key.starts_with("Fn::") || entry.key == "Condition")
        {
            return Some((entry.key.clone(), FnArg::Value(&entry.value)));
        }
        None
    }

    /// Resolves a value.
    pub fn resolve(&mut self, value: &Value) -> R {
        if self.depth > MAX_DEPTH {
            return R::Unknown(Vec::new());
        }
        self.depth += 1;
        let out = self.resolve_inner(value);
        self.depth -= 1;
        out
    }

    fn resolve_inner(&mut self, value: &Value) -> R {
        if let Some((name, arg)) = Self::function(value) {
            return self.call(&name, &arg, value.pos);
        }
        match &value.data {
            Data::Scalar { text, .. } => R::Text(text.clone()),
            Data::Seq(items) => R::List(
                items
                    .iter()
                    .map(|i| self.resolve(i))
                    .filter(|r| *r != R::NoValue)
                    .collect(),
            ),
            Data::Map(entries) => R::Map(
                entries
                    .iter()
                    .map(|e| (e.key.clone(), self.resolve(&e.value)))
                    .filter(|(_, r)| *r != R::NoValue)
                    .collect(),
            ),
        }
    }

    fn key(&self, logical: &str) -> String {
        format!("{}{logical}", self.scope.prefix)
    }

    /// `Ref NAME`.
    pub fn reference(&mut self, name: &str, pos: Pos) -> R {
        if self.scope.resources.contains_key(name) {
            return R::Res(self.key(name), None);
        }
        if let Some(param) = self.scope.parameters.get(name).copied() {
            let ty = param.get("Type").and_then(Value::text).unwrap_or("");
            return match param.get("Default") {
                Some(default) if ty.starts_with("List<") || ty == "CommaDelimitedList" => {
                    match self.resolve(default) {
                        R::Text(t) => {
                            R::List(t.split(',').map(|s| R::Text(s.trim().to_owned())).collect())
                        }
                        other => other,
                    }
                }
                Some(default) if ty == "AWS::EC2::AvailabilityZone::Name" => {
                    match self.resolve(default) {
                        R::Text(t) if !t.is_empty() => R::Zone(Az::Named(t)),
                        _ => R::Zone(Az::Unknown),
                    }
                }
                Some(default) => self.resolve(default),
                None if ty == "AWS::EC2::AvailabilityZone::Name" => R::Zone(Az::Unknown),
                None => R::Unknown(Vec::new()),
            };
        }
        match name {
            "AWS::NoValue" => R::NoValue,
            "AWS::StackName" => R::Text(self.scope.stack_name.clone()),
            "AWS::Partition" => R::Text("aws".to_owned()),
            "AWS::URLSuffix" => R::Text("amazonaws.com".to_owned()),
            _ if name.starts_with("AWS::") => R::Unknown(Vec::new()),
            _ => {
                self.warn(
                    pos,
                    format!("the template references `{name}`, which is not a resource or parameter of the template; links through it are left out"),
                );
                R::Unknown(Vec::new())
            }
        }
    }

    fn get_att(&mut self, logical: &str, attr: &str, pos: Pos) -> R {
        if !self.scope.resources.contains_key(logical) {
            self.warn(
                pos,
                format!("`Fn::GetAtt` names `{logical}`, which is not a resource of the template; links through it are left out"),
            );
            return R::Unknown(Vec::new());
        }
        if attr == "CidrBlock"
            && let Some(props) = self.scope.properties.get(logical).copied()
            && let Some(cidr) = props.get("CidrBlock")
            && let R::Text(t) = self.resolve(cidr)
        {
            return R::Text(t);
        }
        R::Res(self.key(logical), Some(attr.to_owned()))
    }

    fn call(&mut self, name: &str, arg: &FnArg<'_>, pos: Pos) -> R {
        let arg_value = &arg.value();
        match name {
            "Ref" => match arg_value.text() {
                Some(target) => {
                    let target = target.to_owned();
                    self.reference(&target, pos)
                }
                None => self.bad(pos, "`Ref` takes a name"),
            },
            "Fn::GetAtt" => {
                let parts: Option<(String, String)> = match (&arg_value.data, arg_value.text()) {
                    (_, Some(text)) => text
                        .split_once('.')
                        .map(|(a, b)| (a.to_owned(), b.to_owned())),
                    (Data::Seq(items), None) => match items.as_slice() {
                        [a, b] => match (a.text(), self.resolve(b)) {
                            (Some(a), R::Text(b)) => Some((a.to_owned(), b)),
                            _ => None,
                        },
                        _ => None,
                    },
                    _ => None,
                };
                match parts {
                    Some((logical, attr)) => self.get_att(&logical, &attr, pos),
                    None => self.bad(
                        pos,
                        "`Fn::GetAtt` takes `Resource.Attribute` or [Resource, Attribute]",
                    ),
                }
            }
            "Fn::GetAZs" => R::Zones,
            "Fn::ImportValue" => match self.resolve(arg_value) {
                R::Text(export) => match self.scope.exports.get(&export) {
                    Some(found) => found.clone(),
                    None => {
                        self.warn(pos, format!("`Fn::ImportValue` of `{export}`, which no imported template exports; import the template that exports it too to draw what it links to"));
                        R::Unknown(Vec::new())
                    }
                },
                _ => {
                    self.warn(pos, "the name given to `Fn::ImportValue` is only known when deployed; what it links to is left out".to_owned());
                    R::Unknown(Vec::new())
                }
            },
            "Fn::Select" => {
                let Some([index, list]) = arg_value
                    .items()
                    .and_then(|i| <&[Value; 2]>::try_from(i).ok())
                else {
                    return self.bad(pos, "`Fn::Select` takes [index, list]");
                };
                let index = self.resolve(index);
                let list = self.resolve(list);
                let Some(i) = index.text().and_then(|t| t.trim().parse::<u32>().ok()) else {
                    return R::Unknown(list.refs());
                };
                match list {
                    R::Zones => R::Zone(Az::Index(i)),
                    R::List(items) => match items.get(i as usize) {
                        Some(item) => item.clone(),
                        None => self.bad(pos, "`Fn::Select` index is past the end of its list"),
                    },
                    other => R::Unknown(other.refs()),
                }
            }
            "Fn::Join" => {
                let Some([sep, list]) = arg_value
                    .items()
                    .and_then(|i| <&[Value; 2]>::try_from(i).ok())
                else {
                    return self.bad(pos, "`Fn::Join` takes [delimiter, list]");
                };
                let sep = self.resolve(sep);
                let list = self.resolve(list);
                match (sep, list) {
                    (R::Text(sep), R::List(items)) if items.iter().all(|i| i.text().is_some()) => {
                        R::Text(
                            items
                                .iter()
                                .filter_map(R::text)
                                .collect::<Vec<_>>()
                                .join(&sep),
                        )
                    }
                    (_, list) => R::Unknown(list.refs()),
                }
            }
            "Fn::Split" => {
                let Some([sep, text]) = arg_value
                    .items()
                    .and_then(|i| <&[Value; 2]>::try_from(i).ok())
                else {
                    return self.bad(pos, "`Fn::Split` takes [delimiter, text]");
                };
                match (self.resolve(sep), self.resolve(text)) {
                    (R::Text(sep), R::Text(text)) if !sep.is_empty() => R::List(
                        text.split(sep.as_str())
                            .map(|s| R::Text(s.to_owned()))
                            .collect(),
                    ),
                    (_, other) => R::Unknown(other.refs()),
                }
            }
            "Fn::Sub" => self.sub(arg_value, pos),
            "Fn::If" => {
                let Some([cond, yes, no]) = arg_value
                    .items()
                    .and_then(|i| <&[Value; 3]>::try_from(i).ok())
                else {
                    return self.bad(
                        pos,
                        "`Fn::If` takes [condition, value if true, value if false]",
                    );
                };
                match cond.text().and_then(|c| self.condition(c)) {
                    Some(true) => self.resolve(yes),
                    Some(false) => self.resolve(no),
                    None => {
                        let mut refs = self.resolve(yes).refs();
                        refs.extend(self.resolve(no).refs());
                        R::Unknown(refs)
                    }
                }
            }
            "Fn::FindInMap" => {
                let Some(items) = arg_value.items().filter(|i| i.len() >= 3) else {
                    return self.bad(
                        pos,
                        "`Fn::FindInMap` takes [map, top-level key, second-level key]",
                    );
                };
                let keys: Vec<R> = items.iter().take(3).map(|i| self.resolve(i)).collect();
                let found = match (
                    keys[0].text(),
                    keys[1].text(),
                    keys[2].text(),
                    self.scope.mappings,
                ) {
                    (Some(a), Some(b), Some(c), Some(maps)) => maps.path(&[a, b, c]),
                    _ => None,
                };
                match found {
                    Some(v) => self.resolve(v),
                    None => match items.get(3).and_then(|d| d.get("DefaultValue")) {
                        Some(default) => self.resolve(default),
                        None => R::Unknown(Vec::new()),
                    },
                }
            }
            "Fn::Base64" | "Fn::ToJsonString" => {
                let inner = self.resolve(arg_value);
                match inner {
                    R::Text(_) => inner,
                    other => R::Unknown(other.refs()),
                }
            }
            "Fn::Cidr" => self.cidr(arg_value),
            "Fn::Length" => match self.resolve(arg_value) {
                R::List(items) => R::Text(items.len().to_string()),
                other => R::Unknown(other.refs()),
            },
            "Fn::Equals" | "Fn::Not" | "Fn::And" | "Fn::Or" | "Condition" => {
                match self.condition_value(name, arg_value) {
                    Some(b) => R::Text(b.to_string()),
                    None => R::Unknown(Vec::new()),
                }
            }
            "Fn::Transform" | "Fn::GetParam" => R::Unknown(Vec::new()),
            other => {
                self.warn(pos, format!("`{other}` is not a CloudFormation intrinsic function this importer knows; the value is treated as unknown"));
                R::Unknown(self.resolve_plain(arg_value).refs())
            }
        }
    }

    /// Resolves a value ignoring its own tag (the argument of an unknown function).
    fn resolve_plain(&mut self, value: &Value) -> R {
        let untagged = Value {
            tag: None,
            ..value.clone()
        };
        self.resolve(&untagged)
    }

    fn bad(&mut self, pos: Pos, message: &str) -> R {
        self.warn(pos, format!("{message}; the value is treated as unknown"));
        R::Unknown(Vec::new())
    }

    fn sub(&mut self, arg: &Value, pos: Pos) -> R {
        let (template, vars): (Option<&str>, Option<&Value>) = match (&arg.data, arg.text()) {
            (_, Some(text)) => (Some(text), None),
            (Data::Seq(items), None) => match items.as_slice() {
                [t, vars] => (t.text(), Some(vars)),
                [t] => (t.text(), None),
                _ => (None, None),
            },
            _ => (None, None),
        };
        let Some(template) = template else {
            return self.bad(pos, "`Fn::Sub` takes a text or [text, variables]");
        };
        let mut parts: Vec<R> = Vec::new();
        let mut literal = String::new();
        let mut rest = template;
        while let Some(start) = rest.find("${") {
            literal.push_str(&rest[..start]);
            let after = &rest[start + 2..];
            let Some(end) = after.find('}') else {
                literal.push_str(&rest[start..]);
                rest = "";
                break;
            };
            let name = &after[..end];
            rest = &after[end + 1..];
            if let Some(escaped) = name.strip_prefix('!') {
                literal.push_str("${");
                literal.push_str(escaped);
                literal.push('}');
                continue;
            }
            let name = name.trim();
            let value = if let Some(v) = vars.and_then(|vars| vars.get(name)) {
                self.resolve(v)
            } else if let Some((logical, attr)) = name.split_once('.')
                && !name.starts_with("AWS::")
            {
                self.get_att(logical, attr, pos)
            } else {
                self.reference(name, pos)
            };
            if !literal.is_empty() {
                parts.push(R::Text(std::mem::take(&mut literal)));
            }
            parts.push(value);
        }
        literal.push_str(rest);
        if !literal.is_empty() {
            parts.push(R::Text(literal));
        }
        match parts.as_slice() {
            [] => R::Text(String::new()),
            [single] => single.clone(),
            _ if parts.iter().all(|p| p.text().is_some()) => {
                R::Text(parts.iter().filter_map(R::text).collect())
            }
            _ => R::Unknown(R::List(parts).refs()),
        }
    }

    fn cidr(&mut self, arg: &Value) -> R {
        let Some([block, count, bits]) = arg.items().and_then(|i| <&[Value; 3]>::try_from(i).ok())
        else {
            return R::Unknown(Vec::new());
        };
        let (block, count, bits) = (self.resolve(block), self.resolve(count), self.resolve(bits));
        let (Some(block), Some(count), Some(bits)) = (
            block.text().and_then(|t| t.parse::<ipnet::Ipv4Net>().ok()),
            count.text().and_then(|t| t.parse::<usize>().ok()),
            bits.text().and_then(|t| t.parse::<u8>().ok()),
        ) else {
            return R::Unknown(block.refs());
        };
        let Some(prefix) = 32u8.checked_sub(bits).filter(|p| *p >= block.prefix_len()) else {
            return R::Unknown(Vec::new());
        };
        match block.subnets(prefix) {
            Ok(subnets) => R::List(
                subnets
                    .take(count.min(256))
                    .map(|n| R::Text(n.to_string()))
                    .collect(),
            ),
            Err(_) => R::Unknown(Vec::new()),
        }
    }

    /// Evaluates a named condition from the `Conditions` section, when the template alone
    /// decides it.
    pub fn condition(&mut self, name: &str) -> Option<bool> {
        let body = self.scope.conditions?.get(name)?;
        if self.depth > MAX_DEPTH {
            return None;
        }
        self.depth += 1;
        let out = match Self::function(body) {
            Some((fname, arg)) => self.condition_value(&fname, &arg.value()),
            None => None,
        };
        self.depth -= 1;
        out
    }

    fn condition_value(&mut self, name: &str, arg: &Value) -> Option<bool> {
        let operand = |this: &mut Self, v: &Value| -> Option<bool> {
            match Self::function(v) {
                Some((f, a)) => this.condition_value(&f, &a.value()),
                None => v.as_bool(),
            }
        };
        match name {
            "Condition" => {
                let cond = arg.text()?.to_owned();
                self.condition(&cond)
            }
            "Fn::Equals" => {
                let [a, b] = <&[Value; 2]>::try_from(arg.items()?).ok()?;
                match (self.resolve(a), self.resolve(b)) {
                    (R::Text(a), R::Text(b)) => Some(a == b),
                    _ => None,
                }
            }
            "Fn::Not" => {
                let [a] = <&[Value; 1]>::try_from(arg.items()?).ok()?;
                operand(self, a).map(|b| !b)
            }
            "Fn::And" => {
                let mut all = Some(true);
                for item in arg.items()? {
                    match operand(self, item) {
                        Some(false) => return Some(false),
                        Some(true) => {}
                        None => all = None,
                    }
                }
                all
            }
            "Fn::Or" => {
                let mut any = Some(false);
                for item in arg.items()? {
                    match operand(self, item) {
                        Some(true) => return Some(true),
                        Some(false) => {}
                        None => any = None,
                    }
                }
                any
            }
            _ => None,
        }
    }
}

/// The argument of a function: a tagged value (short form) or the value of its key.
enum FnArg<'v> {
    Tagged(&'v Value),
    Value(&'v Value),
}

impl FnArg<'_> {
    /// The argument without the function's tag.
    fn value(&self) -> Value {
        match self {
            FnArg::Tagged(v) => Value {
                tag: None,
                ..(*v).clone()
            },
            FnArg::Value(v) => (*v).clone(),
        }
    }
}

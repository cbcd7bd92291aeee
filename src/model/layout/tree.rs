//! The containment tree the layout works on: components by dense index (id order), their
//! parents and children, and every link lifted to the pair of siblings it joins, so each
//! container only ever looks at its own children.

use rustc_hash::FxHashMap;

use crate::model::component::default_size;
use crate::model::settings::{Settings, SubnetIntent};
use crate::model::{Component, Diagram, Kind, LinkKind, Size};

/// One component, by index.
pub(super) struct Node<'a> {
    /// The component itself.
    pub component: &'a Component,
    /// Index of the parent, `None` at the top level.
    pub parent: Option<usize>,
    /// Children in id order.
    pub children: Vec<usize>,
    /// Nesting depth (0 at the top level).
    pub depth: usize,
}

impl Node<'_> {
    /// The component's kind.
    pub fn kind(&self) -> Kind {
        self.component.kind
    }

    /// Drawn as a box holding other components (whether or not it has any now).
    pub fn is_container(&self) -> bool {
        self.component.kind.is_container()
    }

    /// A subnet drawn as public.
    pub fn is_public_subnet(&self) -> bool {
        matches!(
            &self.component.props.settings,
            Settings::Subnet(s) if s.intent == Some(SubnetIntent::Public)
        )
    }

    /// A standby copy drawn after the primary: a disaster-recovery Region.
    pub fn is_standby(&self) -> bool {
        matches!(&self.component.props.settings, Settings::Region(s) if s.dr_region == Some(true))
    }

    /// Size a leaf keeps: its own, or its kind's default when that is unusable.
    pub fn leaf_size(&self) -> Size {
        let size = self.component.rect.size;
        if size.is_valid() {
            size
        } else {
            default_size(self.kind())
        }
    }
}

/// A link between two components, by index.
#[derive(Clone, Copy, Debug)]
pub(super) struct Arc {
    pub from: usize,
    pub to: usize,
    pub kind: LinkKind,
}

/// The diagram as the layout sees it.
pub(super) struct Tree<'a> {
    /// Every component, in id order.
    pub nodes: Vec<Node<'a>>,
    /// Top-level components, in id order.
    pub roots: Vec<usize>,
    /// Every link, in id order.
    pub arcs: Vec<Arc>,
    /// Per container (index `nodes.len()` is the top level): links between two of its
    /// children, after lifting both ends to the child holding them.
    pub local: Vec<Vec<(usize, usize)>>,
    /// Per component: indices of components listing it in `subnets`.
    pub subnet_users: Vec<Vec<usize>>,
}

impl<'a> Tree<'a> {
    /// Index of the virtual top-level container in `local`.
    pub fn top(&self) -> usize {
        self.nodes.len()
    }

    /// Children of a container, or the top level for `top()`.
    pub fn children_of(&self, container: usize) -> &[usize] {
        if container == self.top() {
            &self.roots
        } else {
            &self.nodes[container].children
        }
    }

    pub fn build(diagram: &'a Diagram) -> Self {
        let components: Vec<&Component> = diagram.components().collect();
        let index: FxHashMap<&str, usize> = components
            .iter()
            .enumerate()
            .map(|(i, c)| (c.id.as_str(), i))
            .collect();
        let mut nodes: Vec<Node<'a>> = components
            .iter()
            .map(|&component| Node {
                component,
                parent: component
                    .parent
                    .as_ref()
                    .and_then(|p| index.get(p.as_str()).copied()),
                children: Vec::new(),
                depth: 0,
            })
            .collect();
        let mut roots = Vec::new();
        for i in 0..nodes.len() {
            match nodes[i].parent {
                Some(p) => nodes[p].children.push(i),
                None => roots.push(i),
            }
        }
        // Depths top-down (parents are not necessarily before children in id order).
        let mut stack: Vec<(usize, usize)> = roots.iter().map(|&r| (r, 0)).collect();
        while let Some((i, depth)) = stack.pop() {
            nodes[i].depth = depth;
            stack.extend(nodes[i].children.iter().map(|&c| (c, depth + 1)));
        }
        let arcs: Vec<Arc> = diagram
            .links()
            .filter_map(|l| {
                Some(Arc {
                    from: *index.get(l.from.as_str())?,
                    to: *index.get(l.to.as_str())?,
                    kind: l.kind,
                })
            })
            .collect();
        let mut subnet_users = vec![Vec::new(); nodes.len()];
        for (i, c) in components.iter().enumerate() {
            for s in &c.props.subnets {
                if let Some(&s) = index.get(s.as_str()) {
                    subnet_users[s].push(i);
                }
            }
        }
        let mut tree = Tree {
            nodes,
            roots,
            arcs,
            local: Vec::new(),
            subnet_users,
        };
        tree.local = tree.lift_arcs();
        tree
    }

    /// Each link as an edge between the two siblings holding its ends, filed under their
    /// common parent. Links inside one child, or from a box to its own contents, vanish.
    fn lift_arcs(&self) -> Vec<Vec<(usize, usize)>> {
        let mut local = vec![Vec::new(); self.nodes.len() + 1];
        for arc in &self.arcs {
            let (mut a, mut b) = (arc.from, arc.to);
            while self.nodes[a].depth > self.nodes[b].depth {
                a = self.nodes[a].parent.unwrap_or(a);
            }
            while self.nodes[b].depth > self.nodes[a].depth {
                b = self.nodes[b].parent.unwrap_or(b);
            }
            while a != b && self.nodes[a].parent != self.nodes[b].parent {
                match (self.nodes[a].parent, self.nodes[b].parent) {
                    (Some(pa), Some(pb)) => (a, b) = (pa, pb),
                    _ => break,
                }
            }
            if a != b {
                let container = self.nodes[a].parent.unwrap_or(self.nodes.len());
                local[container].push((a, b));
            }
        }
        local
    }

    /// Children before parents: the order boxes are sized in.
    pub fn post_order(&self) -> Vec<usize> {
        let mut out = Vec::with_capacity(self.nodes.len());
        let mut stack: Vec<(usize, bool)> = self.roots.iter().rev().map(|&r| (r, false)).collect();
        while let Some((i, expanded)) = stack.pop() {
            if expanded {
                out.push(i);
            } else {
                stack.push((i, true));
                stack.extend(self.nodes[i].children.iter().rev().map(|&c| (c, false)));
            }
        }
        out
    }
}

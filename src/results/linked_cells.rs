//! Which cells of a selection's table of respondents (age bands or sexes, then "not given") to
//! withhold, when a council area's table, its division's and Scotland's are all published and each
//! adds up the ones below it. Reads no environment variables.
//!
//! Each report is worked out from its own respondents only (a council area's report never looks at
//! its neighbours), so the levels are decided bottom-up, a higher level adapting to the ones below:
//!
//! 1. **A council area** withholds its small cells and those protecting them ([`area_pattern`]).
//! 2. **A division** starts from withholding every column in which any of its areas withholds a
//!    cell. That is safe: every area withholding anything withholds at least two columns, so the
//!    only sums of withheld cells anyone can work out are whole areas' withheld totals (at least the
//!    threshold, or a too-small area's published `n`). It then publishes columns again, largest
//!    first, wherever doing so keeps the whole system safe ([`safe`]): no published cell small, no
//!    published column whose withheld area cells add up to a small number, the withheld cells of
//!    the division adding up to at least the threshold, and no withheld cell of the division or its
//!    areas determined by the linear equations everything published gives (each row adds up to its
//!    published `n`; each division cell is the sum of its areas' cells).
//! 3. **Scotland** (areas of several divisions) does the same over its divisions, with every area
//!    and division cell withheld below it among the unknowns. A selection of one division is that
//!    division, and one of one area is that area: same numbers, same cells withheld.
//!
//! An area with fewer respondents than the threshold is withheld whole in its own report; for the
//! levels above, its withheld cells are its non-zero ones (with a zero one if only one is non-zero):
//! the others are zeros, which identify no one.

use super::small_cells::{is_small, suppress_row};
use std::collections::BTreeMap;

/// One council area's row of a margin, and its division.
#[derive(Debug, Clone, Copy)]
pub struct AreaRow<'a> {
    pub division: &'a str,
    pub cells: &'a [usize],
}

/// Which cells of one council area's row are withheld: for an area with at least `threshold`
/// respondents, its small cells and those protecting them ([`suppress_row`]); for a smaller one,
/// its non-zero cells, with the first zero cell if only one is non-zero.
pub fn area_pattern(cells: &[usize], threshold: usize) -> Vec<bool> {
    if cells.iter().sum::<usize>() >= threshold {
        return suppress_row(cells, &[], threshold);
    }
    let mut withheld: Vec<bool> = cells.iter().map(|&c| c > 0).collect();
    if withheld.iter().filter(|&&w| w).count() == 1 {
        if let Some(zero) = cells.iter().position(|&c| c == 0) {
            withheld[zero] = true;
        }
    }
    withheld
}

/// A table in the hierarchy: its cells, which are withheld, and the tables it adds up.
#[derive(Debug, Clone)]
struct Node {
    cells: Vec<usize>,
    withheld: Vec<bool>,
    children: Vec<Node>,
}

/// The withheld cells of the table of a selection made of `areas` (one area, a division's areas,
/// or the areas of several divisions). All rows must have the same length.
pub fn selection_pattern(areas: &[AreaRow<'_>], threshold: usize) -> Vec<bool> {
    let mut divisions: BTreeMap<&str, Vec<Node>> = BTreeMap::new();
    for area in areas {
        divisions.entry(area.division).or_default().push(Node {
            cells: area.cells.to_vec(),
            withheld: area_pattern(area.cells, threshold),
            children: Vec::new(),
        });
    }
    let divisions: Vec<Node> = divisions.into_values().map(|areas| parent(areas, threshold)).collect();
    parent(divisions, threshold).withheld
}

/// The table adding up `children`, withholding what it must.
fn parent(mut children: Vec<Node>, threshold: usize) -> Node {
    if children.len() == 1 {
        return children.remove(0);
    }
    let k = children.first().map_or(0, |c| c.cells.len());
    let cells: Vec<usize> = (0..k).map(|c| children.iter().map(|n| n.cells[c]).sum()).collect();
    let withheld: Vec<bool> = (0..k).map(|c| children.iter().any(|n| n.withheld[c])).collect();
    let mut node = Node {
        cells,
        withheld,
        children,
    };
    let mut candidates: Vec<usize> = (0..k).filter(|&c| node.withheld[c]).collect();
    candidates.sort_by_key(|&c| (std::cmp::Reverse(node.cells[c]), c));
    for c in candidates {
        node.withheld[c] = false;
        if !safe(&node, threshold) {
            node.withheld[c] = true;
        }
    }
    node
}

/// Whether `node`'s pattern, over the patterns below it, gives nothing away (see the module doc).
fn safe(node: &Node, threshold: usize) -> bool {
    let small_sum = |sum: usize| sum > 0 && sum < threshold;
    for c in 0..node.cells.len() {
        let below: usize = node.children.iter().filter(|n| n.withheld[c]).map(|n| n.cells[c]).sum();
        if !node.withheld[c] && (is_small(node.cells[c], threshold) || small_sum(below)) {
            return false;
        }
    }
    let own: usize = (0..node.cells.len())
        .filter(|&c| node.withheld[c])
        .map(|c| node.cells[c])
        .sum();
    !small_sum(own) && !any_determined(node)
}

/// Whether any withheld cell of `node` or below is determined by the equations the published
/// figures give: each table's withheld cells add up to its `n` minus its published cells, and each
/// cell of a table is the sum of the same cell of the tables it adds up.
fn any_determined(node: &Node) -> bool {
    let mut unknowns = 0;
    let mut equations: Vec<Vec<(usize, f64)>> = Vec::new();
    number(node, &mut unknowns, &mut equations);
    let mut matrix: Vec<Vec<f64>> = equations
        .iter()
        .map(|terms| {
            let mut row = vec![0.0; unknowns];
            for &(i, x) in terms {
                row[i] += x;
            }
            row
        })
        .collect();
    determined(&mut matrix, unknowns)
}

/// Numbers `node`'s withheld cells (and those below) as unknowns and adds its equations; returns
/// the unknown of each of its cells (`None`: published).
fn number(node: &Node, unknowns: &mut usize, equations: &mut Vec<Vec<(usize, f64)>>) -> Vec<Option<usize>> {
    let below: Vec<Vec<Option<usize>>> = node
        .children
        .iter()
        .map(|child| number(child, unknowns, equations))
        .collect();
    let own: Vec<Option<usize>> = node
        .withheld
        .iter()
        .map(|&w| {
            w.then(|| {
                *unknowns += 1;
                *unknowns - 1
            })
        })
        .collect();
    equations.push(own.iter().flatten().map(|&i| (i, 1.0)).collect());
    for c in 0..own.len() {
        let mut terms: Vec<(usize, f64)> = own[c].map(|i| (i, 1.0)).into_iter().collect();
        terms.extend(below.iter().filter_map(|cells| cells[c]).map(|i| (i, -1.0)));
        if !node.children.is_empty() && !terms.is_empty() {
            equations.push(terms);
        }
    }
    own
}

/// Gauss–Jordan elimination of `rows` (coefficients of `unknowns` unknowns); whether some unknown
/// ends up alone in its pivot row, that is, determined.
fn determined(rows: &mut [Vec<f64>], unknowns: usize) -> bool {
    let mut pivots = Vec::new();
    let mut rank = 0;
    for c in 0..unknowns {
        let Some(pivot) = (rank..rows.len()).max_by(|&a, &b| rows[a][c].abs().total_cmp(&rows[b][c].abs())) else {
            break;
        };
        if rows[pivot][c].abs() < 1e-9 {
            continue;
        }
        rows.swap(rank, pivot);
        let lead = rows[rank][c];
        rows[rank].iter_mut().for_each(|x| *x /= lead);
        let pivot_row = rows[rank].clone();
        for (r, row) in rows.iter_mut().enumerate() {
            let factor = row[c];
            if r != rank && factor != 0.0 {
                row.iter_mut().zip(&pivot_row).for_each(|(x, p)| *x -= factor * p);
            }
        }
        pivots.push((rank, c));
        rank += 1;
    }
    pivots
        .into_iter()
        .any(|(r, c)| (0..unknowns).all(|k| k == c || rows[r][k].abs() < 1e-9))
}

#[cfg(test)]
#[path = "linked_cells_tests.rs"]
pub(super) mod tests;

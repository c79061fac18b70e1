//! The questionnaire an applicant surveys their customers with: the items
//! rated and the rating scale, started from the campaign's 附件2 defaults
//! and edited per application.
//!
//! A [`Questionnaire`] is always valid: it is built checked, every edit is
//! applied to a copy and kept only if the copy passes [`Questionnaire::check`],
//! and deserializing a stored one runs the same check. Code that reads it
//! (the statistics, the import, the report) can therefore rely on at least
//! two levels, at least one item, unique ids and names, scores that fall from
//! the best level to the worst, and a positive weight sum.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::campaign::SurveyDefaults;

/// The most items a questionnaire may have; a printed questionnaire with
/// more would not fit a page and nobody would answer it.
pub const MAX_ITEMS: usize = 40;
/// The most levels of the scale: a typed answer is one digit, 1–9.
pub const MAX_LEVELS: usize = 9;
/// The longest item or level name, in characters.
pub const MAX_NAME_CHARS: usize = 100;

/// A rated question, e.g. 服务态度.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Item {
    /// A stable identifier; responses refer to items by it, so it never
    /// changes when the item is renamed or moved.
    pub id: String,
    /// The question as printed.
    pub name: String,
    /// Its weight in the overall index (not normalised; the index divides
    /// by the sum).
    pub weight: f64,
}

/// A level of the rating scale, e.g. 很满意 = 100.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Level {
    /// The level's name as printed and as typed.
    pub name: String,
    /// Its score, 0–100.
    pub score: f64,
    /// Whether it counts towards the satisfaction rate (很满意 and 满意).
    pub satisfied: bool,
}

/// Why a questionnaire or an edit of it is refused. `Display` gives the
/// Chinese sentence shown to the applicant.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum QuestionnaireError {
    /// Fewer than two levels: nothing to choose between.
    TooFewLevels {
        /// How many there are.
        count: usize,
    },
    /// More levels than a one-digit answer can pick.
    TooManyLevels {
        /// How many there are.
        count: usize,
    },
    /// No items left.
    NoItems,
    /// More items than [`MAX_ITEMS`].
    TooManyItems {
        /// How many there are.
        count: usize,
    },
    /// An item id is empty.
    EmptyId,
    /// Two items share an id.
    DuplicateId {
        /// The id.
        id: String,
    },
    /// An item or level name is empty.
    EmptyName,
    /// An item or level name is longer than [`MAX_NAME_CHARS`].
    NameTooLong {
        /// The name.
        name: String,
    },
    /// Two items, or two levels, share a name; answers and imported columns
    /// are matched by name, so they could not be told apart.
    DuplicateName {
        /// The name.
        name: String,
    },
    /// A weight is negative or not a number.
    BadWeight {
        /// The item's name.
        item: String,
        /// The weight.
        weight: f64,
    },
    /// All weights are zero, so the overall index would divide by zero.
    ZeroWeightSum,
    /// A score outside 0–100 or not a number.
    BadScore {
        /// The level's name.
        level: String,
        /// The score.
        score: f64,
    },
    /// Scores must fall strictly from the best level (first) to the worst,
    /// so that a score names one level and a higher score means happier.
    ScoresNotDescending {
        /// The level whose score is not below the one before it.
        level: String,
    },
    /// No level counts as satisfied, so the satisfaction rate is always 0.
    NoSatisfiedLevel,
    /// Every level counts as satisfied, so the rate is always 100 %.
    AllLevelsSatisfied,
    /// No item has this id.
    UnknownItem {
        /// The id asked for.
        id: String,
    },
    /// No level at this position.
    UnknownLevel {
        /// The position asked for, 0-based.
        index: usize,
    },
}

impl fmt::Display for QuestionnaireError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::TooFewLevels { count } => {
                write!(f, "评价等级至少需要两级，现有 {count} 级")
            }
            Self::TooManyLevels { count } => {
                write!(f, "评价等级最多 {MAX_LEVELS} 级，现有 {count} 级")
            }
            Self::NoItems => write!(f, "问卷至少需要一个题目"),
            Self::TooManyItems { count } => {
                write!(f, "问卷最多 {MAX_ITEMS} 个题目，现有 {count} 个")
            }
            Self::EmptyId => write!(f, "题目编号不能为空"),
            Self::DuplicateId { id } => write!(f, "题目编号“{id}”重复"),
            Self::EmptyName => write!(f, "题目和评价等级的名称不能为空"),
            Self::NameTooLong { name } => {
                let head: String = name.chars().take(20).collect();
                write!(f, "名称“{head}…”过长，最多 {MAX_NAME_CHARS} 个字")
            }
            Self::DuplicateName { name } => {
                write!(f, "名称“{name}”重复：题目之间、评价等级之间不能同名")
            }
            Self::BadWeight { item, weight } => {
                write!(f, "题目“{item}”的权重 {weight} 无效：权重须为非负数")
            }
            Self::ZeroWeightSum => write!(f, "各题权重之和须大于 0"),
            Self::BadScore { level, score } => {
                write!(
                    f,
                    "评价等级“{level}”的分值 {score} 无效：须在 0 到 100 之间"
                )
            }
            Self::ScoresNotDescending { level } => write!(
                f,
                "评价等级“{level}”的分值须低于上一级：等级按从满意到不满意排列，分值逐级递减"
            ),
            Self::NoSatisfiedLevel => {
                write!(f, "至少要有一个评价等级计入满意率（如很满意、满意）")
            }
            Self::AllLevelsSatisfied => {
                write!(f, "不能所有评价等级都计入满意率")
            }
            Self::UnknownItem { id } => write!(f, "没有编号为“{id}”的题目"),
            Self::UnknownLevel { index } => write!(f, "没有第 {} 个评价等级", index + 1),
        }
    }
}

impl std::error::Error for QuestionnaireError {}

/// The items and rating scale of one application's customer survey.
///
/// Stored with the draft; deserializing checks it (see the module docs).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "QuestionnaireData", into = "QuestionnaireData")]
pub struct Questionnaire {
    items: Vec<Item>,
    levels: Vec<Level>,
}

/// The stored shape of a [`Questionnaire`], before it is checked.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct QuestionnaireData {
    items: Vec<Item>,
    levels: Vec<Level>,
}

impl TryFrom<QuestionnaireData> for Questionnaire {
    type Error = QuestionnaireError;

    fn try_from(d: QuestionnaireData) -> Result<Self, Self::Error> {
        Questionnaire::new(d.items, d.levels)
    }
}

impl From<Questionnaire> for QuestionnaireData {
    fn from(q: Questionnaire) -> Self {
        Self {
            items: q.items,
            levels: q.levels,
        }
    }
}

impl Questionnaire {
    /// A questionnaire with these items and levels (best level first), if
    /// they pass [`Questionnaire::check`].
    pub fn new(items: Vec<Item>, levels: Vec<Level>) -> Result<Self, QuestionnaireError> {
        let q = Self { items, levels };
        q.check()?;
        Ok(q)
    }

    /// The campaign's default questionnaire (附件2).
    pub fn from_defaults(d: &SurveyDefaults) -> Result<Self, QuestionnaireError> {
        let items = d
            .items
            .iter()
            .map(|i| Item {
                id: i.id.clone(),
                name: i.name.clone(),
                weight: i.weight,
            })
            .collect();
        let levels = d
            .levels
            .iter()
            .map(|l| Level {
                name: l.name.clone(),
                score: l.score,
                satisfied: l.satisfied,
            })
            .collect();
        Self::new(items, levels)
    }

    /// The items in the order they are asked.
    pub fn items(&self) -> &[Item] {
        &self.items
    }

    /// The rating scale, best level first.
    pub fn levels(&self) -> &[Level] {
        &self.levels
    }

    /// The item with this id.
    pub fn item(&self, id: &str) -> Option<&Item> {
        self.items.iter().find(|i| i.id == id)
    }

    /// The position of the item with this id.
    pub fn item_index(&self, id: &str) -> Option<usize> {
        self.items.iter().position(|i| i.id == id)
    }

    /// Every rule a questionnaire must follow; see [`QuestionnaireError`].
    pub fn check(&self) -> Result<(), QuestionnaireError> {
        let levels = &self.levels;
        if levels.len() < 2 {
            return Err(QuestionnaireError::TooFewLevels {
                count: levels.len(),
            });
        }
        if levels.len() > MAX_LEVELS {
            return Err(QuestionnaireError::TooManyLevels {
                count: levels.len(),
            });
        }
        if self.items.is_empty() {
            return Err(QuestionnaireError::NoItems);
        }
        if self.items.len() > MAX_ITEMS {
            return Err(QuestionnaireError::TooManyItems {
                count: self.items.len(),
            });
        }
        check_names(self.items.iter().map(|i| i.name.as_str()))?;
        check_names(levels.iter().map(|l| l.name.as_str()))?;
        for (n, item) in self.items.iter().enumerate() {
            if item.id.trim().is_empty() {
                return Err(QuestionnaireError::EmptyId);
            }
            if self.items.iter().take(n).any(|other| other.id == item.id) {
                return Err(QuestionnaireError::DuplicateId {
                    id: item.id.clone(),
                });
            }
            if !(item.weight.is_finite() && item.weight >= 0.0) {
                return Err(QuestionnaireError::BadWeight {
                    item: item.name.clone(),
                    weight: item.weight,
                });
            }
        }
        if self.items.iter().map(|i| i.weight).sum::<f64>() <= 0.0 {
            return Err(QuestionnaireError::ZeroWeightSum);
        }
        let mut previous: Option<f64> = None;
        for level in levels {
            if !(level.score.is_finite() && (0.0..=100.0).contains(&level.score)) {
                return Err(QuestionnaireError::BadScore {
                    level: level.name.clone(),
                    score: level.score,
                });
            }
            if previous.is_some_and(|p| level.score >= p) {
                return Err(QuestionnaireError::ScoresNotDescending {
                    level: level.name.clone(),
                });
            }
            previous = Some(level.score);
        }
        if !levels.iter().any(|l| l.satisfied) {
            return Err(QuestionnaireError::NoSatisfiedLevel);
        }
        if levels.iter().all(|l| l.satisfied) {
            return Err(QuestionnaireError::AllLevelsSatisfied);
        }
        Ok(())
    }

    /// Applies `change` to a copy and keeps the copy only if it is valid, so
    /// a refused edit leaves the questionnaire as it was.
    fn edit<T>(
        &mut self,
        change: impl FnOnce(&mut Self) -> Result<T, QuestionnaireError>,
    ) -> Result<T, QuestionnaireError> {
        let mut next = self.clone();
        let out = change(&mut next)?;
        next.check()?;
        *self = next;
        Ok(out)
    }

    fn item_mut(&mut self, id: &str) -> Result<&mut Item, QuestionnaireError> {
        self.items
            .iter_mut()
            .find(|i| i.id == id)
            .ok_or_else(|| QuestionnaireError::UnknownItem { id: id.to_owned() })
    }

    fn level_mut(&mut self, index: usize) -> Result<&mut Level, QuestionnaireError> {
        self.levels
            .get_mut(index)
            .ok_or(QuestionnaireError::UnknownLevel { index })
    }

    /// Adds an item at the end with weight 1 and a fresh id (`item1`,
    /// `item2`, … — the first not taken); returns the id.
    pub fn add_item(&mut self, name: &str) -> Result<String, QuestionnaireError> {
        let name = name.trim().to_owned();
        self.edit(|q| {
            let id = (1..)
                .map(|n| format!("item{n}"))
                .find(|id| q.item(id).is_none())
                .unwrap_or_default();
            q.items.push(Item {
                id: id.clone(),
                name,
                weight: 1.0,
            });
            Ok(id)
        })
    }

    /// Removes the item with this id and returns it.
    pub fn remove_item(&mut self, id: &str) -> Result<Item, QuestionnaireError> {
        self.edit(|q| {
            let at = q
                .item_index(id)
                .ok_or_else(|| QuestionnaireError::UnknownItem { id: id.to_owned() })?;
            Ok(q.items.remove(at))
        })
    }

    /// Moves the item with this id to position `to` (0-based; past the end
    /// means last).
    pub fn move_item(&mut self, id: &str, to: usize) -> Result<(), QuestionnaireError> {
        self.edit(|q| {
            let from = q
                .item_index(id)
                .ok_or_else(|| QuestionnaireError::UnknownItem { id: id.to_owned() })?;
            let item = q.items.remove(from);
            let to = to.min(q.items.len());
            q.items.insert(to, item);
            Ok(())
        })
    }

    /// Renames the item with this id.
    pub fn rename_item(&mut self, id: &str, name: &str) -> Result<(), QuestionnaireError> {
        let name = name.trim().to_owned();
        self.edit(|q| {
            q.item_mut(id)?.name = name;
            Ok(())
        })
    }

    /// Sets the weight of the item with this id.
    pub fn set_weight(&mut self, id: &str, weight: f64) -> Result<(), QuestionnaireError> {
        self.edit(|q| {
            q.item_mut(id)?.weight = weight;
            Ok(())
        })
    }

    /// Renames the level at `index` (0 = best).
    pub fn rename_level(&mut self, index: usize, name: &str) -> Result<(), QuestionnaireError> {
        let name = name.trim().to_owned();
        self.edit(|q| {
            q.level_mut(index)?.name = name;
            Ok(())
        })
    }

    /// Sets the score of the level at `index` (0 = best).
    pub fn set_score(&mut self, index: usize, score: f64) -> Result<(), QuestionnaireError> {
        self.edit(|q| {
            q.level_mut(index)?.score = score;
            Ok(())
        })
    }

    /// Sets whether the level at `index` counts towards the satisfaction
    /// rate.
    pub fn set_satisfied(
        &mut self,
        index: usize,
        satisfied: bool,
    ) -> Result<(), QuestionnaireError> {
        self.edit(|q| {
            q.level_mut(index)?.satisfied = satisfied;
            Ok(())
        })
    }
}

/// Names are non-empty, not too long, and unique within their list.
fn check_names<'a>(names: impl Iterator<Item = &'a str>) -> Result<(), QuestionnaireError> {
    let mut seen: Vec<&str> = Vec::new();
    for name in names {
        let trimmed = name.trim();
        if trimmed.is_empty() {
            return Err(QuestionnaireError::EmptyName);
        }
        if trimmed.chars().count() > MAX_NAME_CHARS {
            return Err(QuestionnaireError::NameTooLong {
                name: trimmed.to_owned(),
            });
        }
        if seen.contains(&trimmed) {
            return Err(QuestionnaireError::DuplicateName {
                name: trimmed.to_owned(),
            });
        }
        seen.push(trimmed);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::survey::test_questionnaire as default_q;

    #[test]
    fn defaults_follow_the_spec() {
        let q = default_q();
        let names: Vec<&str> = q.levels().iter().map(|l| l.name.as_str()).collect();
        assert_eq!(names, ["很满意", "满意", "一般", "不满意", "很不满意"]);
        let scores: Vec<f64> = q.levels().iter().map(|l| l.score).collect();
        assert_eq!(scores, [100.0, 80.0, 60.0, 30.0, 0.0]);
        assert_eq!(q.items().len(), 8);
        assert_eq!(q.items()[0].name, "服务态度");
        assert!(q.items().iter().all(|i| i.weight == 1.0));
    }

    #[test]
    fn edits_add_move_rename_and_remove() {
        let mut q = default_q();
        let id = q.add_item("  收费合理性 ").expect("a new item");
        assert_eq!(id, "item1");
        assert_eq!(
            q.items().last().map(|i| i.name.as_str()),
            Some("收费合理性")
        );
        assert_eq!(q.add_item("等候时间").expect("another"), "item2");
        q.move_item("item2", 0).expect("moved");
        assert_eq!(q.items()[0].id, "item2");
        q.move_item("item2", 99).expect("moved to the end");
        assert_eq!(q.items().last().map(|i| i.id.as_str()), Some("item2"));
        q.rename_item("item1", "收费").expect("renamed");
        assert_eq!(q.item("item1").map(|i| i.name.as_str()), Some("收费"));
        let removed = q.remove_item("item1").expect("removed");
        assert_eq!(removed.name, "收费");
        assert_eq!(q.items().len(), 9);
        q.set_weight("attitude", 2.5).expect("weight");
        q.set_score(2, 65.0).expect("score");
        assert_eq!(q.levels()[2].score, 65.0);
        q.rename_level(0, "非常满意").expect("renamed level");
        q.set_satisfied(2, true).expect("一般 counts too");
    }

    #[test]
    fn refused_edits_leave_it_unchanged() {
        let mut q = default_q();
        let before = q.clone();
        assert_eq!(
            q.add_item("服务态度"),
            Err(QuestionnaireError::DuplicateName {
                name: "服务态度".into()
            })
        );
        assert_eq!(q.add_item("  "), Err(QuestionnaireError::EmptyName));
        assert!(matches!(
            q.set_weight("attitude", -1.0),
            Err(QuestionnaireError::BadWeight { .. })
        ));
        assert!(matches!(
            q.set_weight("attitude", f64::NAN),
            Err(QuestionnaireError::BadWeight { .. })
        ));
        assert!(matches!(
            q.set_score(1, 100.0),
            Err(QuestionnaireError::ScoresNotDescending { .. })
        ));
        assert!(matches!(
            q.set_score(0, 120.0),
            Err(QuestionnaireError::BadScore { .. })
        ));
        assert_eq!(
            q.set_score(7, 1.0),
            Err(QuestionnaireError::UnknownLevel { index: 7 })
        );
        assert_eq!(
            q.remove_item("nope"),
            Err(QuestionnaireError::UnknownItem { id: "nope".into() })
        );
        assert_eq!(
            q.rename_level(1, "很满意"),
            Err(QuestionnaireError::DuplicateName {
                name: "很满意".into()
            })
        );
        q.set_satisfied(0, false).expect("满意 still counts");
        assert_eq!(
            q.set_satisfied(1, false),
            Err(QuestionnaireError::NoSatisfiedLevel)
        );
        q.set_satisfied(0, true).expect("back");
        assert_eq!(q, before);
    }

    #[test]
    fn the_last_item_and_the_last_weight_stay() {
        let mut q = Questionnaire::new(
            vec![Item {
                id: "a".into(),
                name: "甲".into(),
                weight: 1.0,
            }],
            default_q().levels().to_vec(),
        )
        .expect("valid");
        assert_eq!(q.remove_item("a"), Err(QuestionnaireError::NoItems));
        assert_eq!(
            q.set_weight("a", 0.0),
            Err(QuestionnaireError::ZeroWeightSum)
        );
    }

    #[test]
    fn construction_checks_levels_and_ids() {
        let levels = default_q().levels().to_vec();
        let item = |id: &str, name: &str| Item {
            id: id.into(),
            name: name.into(),
            weight: 1.0,
        };
        assert_eq!(
            Questionnaire::new(vec![item("a", "甲")], levels[..1].to_vec()),
            Err(QuestionnaireError::TooFewLevels { count: 1 })
        );
        assert_eq!(
            Questionnaire::new(vec![item("a", "甲"), item("a", "乙")], levels.clone()),
            Err(QuestionnaireError::DuplicateId { id: "a".into() })
        );
        assert_eq!(
            Questionnaire::new(vec![item(" ", "甲")], levels.clone()),
            Err(QuestionnaireError::EmptyId)
        );
        let many: Vec<Level> = (0..10)
            .map(|n| Level {
                name: format!("L{n}"),
                score: f64::from(100 - n * 10),
                satisfied: n == 0,
            })
            .collect();
        assert_eq!(
            Questionnaire::new(vec![item("a", "甲")], many),
            Err(QuestionnaireError::TooManyLevels { count: 10 })
        );
    }

    #[test]
    fn serde_round_trips_and_checks_on_load() {
        let q = default_q();
        let json = serde_json::to_string(&q).expect("serializes");
        let back: Questionnaire = serde_json::from_str(&json).expect("deserializes");
        assert_eq!(back, q);
        let broken = json.replace("\"score\":80.0", "\"score\":100.0");
        assert_ne!(broken, json, "the test edits a score");
        let err = serde_json::from_str::<Questionnaire>(&broken).expect_err("refused");
        assert!(err.to_string().contains("分值须低于上一级"), "{err}");
    }

    #[test]
    fn messages_are_chinese() {
        assert_eq!(
            QuestionnaireError::TooFewLevels { count: 1 }.to_string(),
            "评价等级至少需要两级，现有 1 级"
        );
        assert_eq!(
            QuestionnaireError::ZeroWeightSum.to_string(),
            "各题权重之和须大于 0"
        );
    }
}

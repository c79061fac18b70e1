//! The one error type of the browser adapters.

use std::fmt;

/// Why the browser could not store or read something.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum StoreError {
    /// The browser's storage is full.
    QuotaExceeded,
    /// Storage is switched off or not available (private mode, settings).
    Unavailable,
    /// A stored entry could not be read back; it is left untouched.
    Corrupt {
        /// The storage key.
        key: String,
        /// What the parser said.
        detail: String,
    },
    /// A picked file is larger than allowed.
    TooLarge {
        /// The file's size in bytes.
        len: u64,
        /// The limit in bytes.
        max: usize,
    },
    /// Another tab or window saved this draft since this one last did.
    Conflict {
        /// When the other save happened, ms since the epoch.
        saved_at: f64,
    },
    /// Any other browser failure.
    Browser(String),
}

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::QuotaExceeded => f.write_str(
                "浏览器存储空间已满，最近一次修改没有保存（之前保存的内容仍在）。请删除不需要的草稿，或导出备份后清理空间",
            ),
            Self::Unavailable => f.write_str(
                "浏览器禁止了本地存储（可能处于无痕模式或关闭了网站数据），草稿无法保存。请在普通窗口中打开，或允许本站保存数据",
            ),
            Self::Corrupt { key, detail } => write!(
                f,
                "本地保存的数据「{key}」无法读取（{detail}），已原样保留，未作改动"
            ),
            Self::TooLarge { len, max } => write!(
                f,
                "文件有 {len} 字节，超过上限 {max} 字节，请确认选对了文件"
            ),
            Self::Conflict { .. } => f.write_str(
                "这份草稿已在另一个标签页或窗口中修改。为免互相覆盖，本页已停止保存",
            ),
            Self::Browser(detail) => write!(f, "浏览器报告错误：{detail}"),
        }
    }
}

impl std::error::Error for StoreError {}

impl From<gloo_storage::errors::StorageError> for StoreError {
    fn from(e: gloo_storage::errors::StorageError) -> Self {
        use gloo_storage::errors::StorageError as E;
        match e {
            E::JsError(js) if js.name == "QuotaExceededError" => Self::QuotaExceeded,
            E::JsError(js) if js.name == "SecurityError" => Self::Unavailable,
            other => Self::Browser(other.to_string()),
        }
    }
}

//! One file per LSP feature.

pub mod code_action;
pub mod completion;
pub mod configuration;
pub mod definition;
pub mod diagnostics;
pub mod document_info;
pub mod document_link;
pub mod document_symbol;
pub mod document_text;
pub mod folding_range;
pub mod hover;
pub mod lifecycle;
pub mod officials;
pub mod selection_range;
pub mod semantic_tokens;
pub mod text_sync;

//! The `LanguageServer` implementation: each method hands over to its
//! feature's module in `handlers/`.

use crate::handlers::document_info::{DocumentInfo, DocumentInfoParams};
use crate::handlers::document_text::{DocumentText, DocumentTextParams};
use crate::handlers::officials::{Official, OfficialsParams};
use crate::handlers::{
    code_action, completion, configuration, definition, diagnostics, document_link,
    document_symbol, document_text, folding_range, hover, lifecycle, selection_range,
    semantic_tokens, text_sync,
};
use crate::state::State;
use std::sync::Arc;
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::*;
use tower_lsp_server::{Client, LanguageServer};

pub struct Server {
    pub client: Client,
    pub state: Arc<State>,
}

impl Server {
    pub async fn document_text(&self, params: DocumentTextParams) -> Result<DocumentText> {
        document_text::document_text(&self.state, params)
    }

    pub async fn document_info(&self, params: DocumentInfoParams) -> Result<Option<DocumentInfo>> {
        crate::handlers::document_info::document_info(&self.state, params).await
    }

    pub async fn officials(&self, params: OfficialsParams) -> Result<Option<Vec<Official>>> {
        crate::handlers::officials::officials(&self.state, params).await
    }
}

impl LanguageServer for Server {
    async fn initialize(&self, params: InitializeParams) -> Result<InitializeResult> {
        lifecycle::initialize(&self.state, params)
    }

    async fn initialized(&self, _: InitializedParams) {
        lifecycle::initialized(self.state.clone(), self.client.clone());
    }

    async fn shutdown(&self) -> Result<()> {
        self.state.request_shutdown();
        Ok(())
    }

    async fn did_open(&self, params: DidOpenTextDocumentParams) {
        text_sync::did_open(&self.state, &self.client, params);
    }

    async fn did_change(&self, params: DidChangeTextDocumentParams) {
        text_sync::did_change(&self.state, params);
    }

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        text_sync::did_close(&self.state, params);
    }

    async fn did_change_configuration(&self, params: DidChangeConfigurationParams) {
        configuration::did_change_configuration(self.state.clone(), self.client.clone(), params);
    }

    async fn did_change_watched_files(&self, params: DidChangeWatchedFilesParams) {
        configuration::did_change_watched_files(self.state.clone(), self.client.clone(), params);
    }

    async fn diagnostic(
        &self,
        params: DocumentDiagnosticParams,
    ) -> Result<DocumentDiagnosticReportResult> {
        diagnostics::pull(&self.state, params).await
    }

    async fn code_action(&self, params: CodeActionParams) -> Result<Option<CodeActionResponse>> {
        code_action::code_action(&self.state, params).await
    }

    async fn completion(&self, params: CompletionParams) -> Result<Option<CompletionResponse>> {
        completion::completion(&self.state, params).await
    }

    async fn completion_resolve(&self, item: CompletionItem) -> Result<CompletionItem> {
        Ok(completion::resolve(&self.state, item).await)
    }

    async fn hover(&self, params: HoverParams) -> Result<Option<Hover>> {
        hover::hover(&self.state, params).await
    }

    async fn goto_definition(
        &self,
        params: GotoDefinitionParams,
    ) -> Result<Option<GotoDefinitionResponse>> {
        definition::definition(&self.state, params).await
    }

    async fn document_symbol(
        &self,
        params: DocumentSymbolParams,
    ) -> Result<Option<DocumentSymbolResponse>> {
        document_symbol::document_symbol(&self.state, params).await
    }

    async fn folding_range(&self, params: FoldingRangeParams) -> Result<Option<Vec<FoldingRange>>> {
        folding_range::folding_range(&self.state, params).await
    }

    async fn selection_range(
        &self,
        params: SelectionRangeParams,
    ) -> Result<Option<Vec<SelectionRange>>> {
        selection_range::selection_range(&self.state, params).await
    }

    async fn semantic_tokens_full(
        &self,
        params: SemanticTokensParams,
    ) -> Result<Option<SemanticTokensResult>> {
        semantic_tokens::full(&self.state, params).await
    }

    async fn semantic_tokens_range(
        &self,
        params: SemanticTokensRangeParams,
    ) -> Result<Option<SemanticTokensRangeResult>> {
        semantic_tokens::range(&self.state, params).await
    }

    async fn document_link(&self, params: DocumentLinkParams) -> Result<Option<Vec<DocumentLink>>> {
        document_link::document_link(&self.state, params).await
    }
}
